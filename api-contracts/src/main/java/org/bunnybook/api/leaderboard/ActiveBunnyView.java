package org.bunnybook.api.leaderboard;

import java.util.UUID;

/**
 * A member on the leaderboard: the posts and comments they wrote and the likes they gave, on posts that still exist.
 * {@code score} is {@code 3 × posts + 2 × comments + likes}: writing weighs more than approving.
 */
public record ActiveBunnyView(UUID profileId, String username, int posts, int comments, int likes, int score) {
}
