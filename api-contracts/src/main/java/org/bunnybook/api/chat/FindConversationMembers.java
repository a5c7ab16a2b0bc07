package org.bunnybook.api.chat;

import java.util.UUID;

/** The members of a conversation (empty if it does not exist); answers {@code List<UUID>}. */
public record FindConversationMembers(UUID chatGroupId) {
}
