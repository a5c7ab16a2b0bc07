package org.bunnybook.api.friendship;

import java.util.UUID;

/** A page of the friends two members have in common, A→Z by username, after {@code usernameGt}. */
public record FindMutualFriends(UUID profileId, UUID otherId, String usernameGt, int limit) {
}
