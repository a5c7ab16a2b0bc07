package org.bunnybook.api.session;

import java.time.Instant;
import java.util.UUID;

/**
 * The member's sessions that have not ended and can still be refreshed, most recently used first; answers a list of
 * {@link SessionView}.
 *
 * @param usedAfter    sessions last used (logged in or refreshed) before this have an expired refresh token
 * @param startedAfter sessions started before this have reached their absolute lifetime
 */
public record FindSessionsOfMember(UUID profileId, Instant usedAfter, Instant startedAfter) {
}
