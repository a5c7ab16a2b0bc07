package org.bunnybook.api.chat;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A message stored in a conversation; sending it also marks the conversation read for its sender. */
@Revision("1")
public record MessagePosted(UUID chatGroupId, UUID messageId, UUID fromId, String fromUsername, String content,
                            String clientMessageId) {
}
