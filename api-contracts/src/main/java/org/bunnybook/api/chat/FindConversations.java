package org.bunnybook.api.chat;

import org.bunnybook.api.post.PageAfter;

import java.util.UUID;

/** The member's active conversations by their latest message, newest first. */
public record FindConversations(UUID profileId, PageAfter page) {
}
