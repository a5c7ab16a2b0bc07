package org.bunnybook.api.chat;

import java.util.UUID;

/** Answers an {@link java.util.Optional} of {@link ChatMessageView}: one stored message, whoever asks. */
public record FindChatMessage(UUID messageId) {
}
