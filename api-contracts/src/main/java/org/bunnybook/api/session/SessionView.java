package org.bunnybook.api.session;

import java.time.Instant;
import java.util.UUID;

/**
 * A session as its member sees it in their list.
 *
 * @param device        what the client called itself at login (may be null)
 * @param clientAddress where the session was last used from (login or refresh)
 * @param lastUsedAt    its last login or refresh (not every request: access tokens are checked without a store)
 */
public record SessionView(UUID sessionId, UUID profileId, String device, String clientAddress, Instant startedAt,
                          Instant lastUsedAt) {
}
