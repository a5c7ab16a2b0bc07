package org.bunnybook.api.friendship;

import java.util.UUID;

/** A page of a member's friends, A→Z by username, after {@code usernameGt} (null for the first page). */
public record FindFriends(UUID profileId, String usernameGt, int limit) {
}
