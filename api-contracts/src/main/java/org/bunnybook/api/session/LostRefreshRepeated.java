package org.bunnybook.api.session;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * The token a rotation had just replaced was presented again within the grace window, before the token that
 * replaced it was ever used: the client most likely lost the answer. It is answered like a rotation: the unused token
 * is replaced by a new one (if a thief did this, the member's next refresh presents the replaced token and revokes
 * the session).
 */
@Revision("1")
public record LostRefreshRepeated(UUID sessionId, UUID profileId, UUID presentedTokenId, UUID replacedTokenId,
                                  UUID refreshTokenId) {
}
