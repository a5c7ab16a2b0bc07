package org.bunnybook.api.session;

import java.util.UUID;

/** The member's sessions that have not ended, most recently used first; answers a list of {@link SessionView}. */
public record FindSessionsOfMember(UUID profileId) {
}
