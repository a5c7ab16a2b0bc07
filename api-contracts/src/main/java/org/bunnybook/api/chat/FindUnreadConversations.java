package org.bunnybook.api.chat;

import java.util.UUID;

/** Ids of the member's active conversations whose latest message they have not read. */
public record FindUnreadConversations(UUID profileId) {
}
