package org.bunnybook.api.chat;

import java.util.UUID;

/**
 * The members of a conversation (empty if it does not exist, or if {@code activeOnly} and it is closed); answers
 * {@code List<UUID>}. History stays readable after unfriending; typing does not reach former friends.
 */
public record FindConversationMembers(UUID chatGroupId, boolean activeOnly) {
}
