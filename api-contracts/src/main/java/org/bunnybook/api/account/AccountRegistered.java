package org.bunnybook.api.account;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.PersonalData;
import org.bunnybook.api.PersonalData.Erased;
import org.bunnybook.api.Sensitive;

import java.util.UUID;

/** A member joined. Every account starts as a {@link Role#USER}. */
@Revision("1")
public record AccountRegistered(
        UUID profileId,
        @PersonalData(subject = "profileId", erasedAs = Erased.MEMBER) String username,
        @PersonalData(subject = "profileId") String email,
        @Sensitive @PersonalData(subject = "profileId") String passwordHash,
        @PersonalData(subject = "profileId") String avatarIdentifier) {
}
