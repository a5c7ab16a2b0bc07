package org.bunnybook.api.session;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.PersonalData;

import java.util.UUID;

/** Revision 2 adds {@code device} (null for sessions begun before it was recorded). */
@Revision("2")
public record SessionStarted(UUID sessionId, UUID profileId, UUID refreshTokenId,
                             @PersonalData(subject = "profileId") String device) {
}
