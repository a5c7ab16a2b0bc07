package org.bunnybook.api.chat;

import org.bunnybook.api.PersonalData;
import org.bunnybook.api.PersonalData.Erased;

import java.util.UUID;

/** A member of a conversation, with the username they had when they joined it. */
public record ChatMember(UUID profileId,
                         @PersonalData(subject = "profileId", erasedAs = Erased.MEMBER) String username) {
}
