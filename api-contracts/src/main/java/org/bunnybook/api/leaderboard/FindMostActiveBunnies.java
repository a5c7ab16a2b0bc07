package org.bunnybook.api.leaderboard;

/**
 * The {@code limit} most active members, highest score first, ties by username. Members with a score of 0 (nothing
 * written or liked, or all of it taken back) are not on the board.
 */
public record FindMostActiveBunnies(int limit) {
}
