package org.bunnybook.api.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored message as members see it (and as it is pushed, echoing the sender's {@code clientMessageId}); {@code seq}
 * is its place in the conversation's own order, which a client merging pushes with history sorts by.
 */
public record ChatMessageView(UUID id, String content, Instant createdAt, UUID chatGroupId, UUID fromProfileId,
                              String fromProfileUsername, String clientMessageId, long seq) {
}
