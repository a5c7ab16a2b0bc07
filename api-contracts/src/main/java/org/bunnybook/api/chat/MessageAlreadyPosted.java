package org.bunnybook.api.chat;

import java.util.UUID;

/**
 * What {@link PostMessage} answers when its sender sent the same {@code clientMessageId} to the conversation before:
 * nothing new is stored, and this names the stored message (its {@code seq} in the conversation) so that the sender
 * can be told of it again.
 */
public record MessageAlreadyPosted(UUID chatGroupId, long seq) {
}
