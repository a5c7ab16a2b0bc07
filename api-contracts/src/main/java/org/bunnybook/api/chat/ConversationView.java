package org.bunnybook.api.chat;

import java.time.Instant;
import java.util.UUID;

/**
 * The latest message of an active conversation; {@code readAt} is null while the member has not read it.
 * {@code messageId} is that message's id, which a client sends back as {@code older_than_id} with its
 * {@code createdAt}, so the list pages without skipping conversations whose latest messages share a millisecond.
 */
public record ConversationView(UUID fromProfileId, String fromProfileUsername, String content, Instant createdAt,
                               UUID chatGroupId, String chatGroupName, Instant readAt, UUID messageId) {
}
