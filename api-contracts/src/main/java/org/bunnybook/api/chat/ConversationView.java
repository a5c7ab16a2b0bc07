package org.bunnybook.api.chat;

import java.time.Instant;
import java.util.UUID;

/** The latest message of an active conversation; {@code readAt} is null while the member has not read it. */
public record ConversationView(UUID fromProfileId, String fromProfileUsername, String content, Instant createdAt,
                               UUID chatGroupId, String chatGroupName, Instant readAt) {
}
