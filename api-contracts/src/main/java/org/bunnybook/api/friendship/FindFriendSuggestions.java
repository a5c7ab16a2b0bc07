package org.bunnybook.api.friendship;

import java.util.UUID;

/**
 * "Bunnies you may know": friends of friends who are neither friends nor oneself. A→Z by username, or with
 * {@code byMutualFriends} ranked by the number of mutual friends (then A→Z); either way the next page starts after
 * the suggestion named {@code usernameGt}.
 */
public record FindFriendSuggestions(UUID profileId, String usernameGt, int limit, boolean byMutualFriends) {
}
