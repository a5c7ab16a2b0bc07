package org.bunnybook.api.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * The messages of every conversation of a member created at or after {@code since}, oldest first (by time, then by
 * their order in the conversation), at most {@code limit}: what a socket that was away missed.
 */
public record FindChatMessagesSince(UUID profileId, Instant since, int limit) {
}
