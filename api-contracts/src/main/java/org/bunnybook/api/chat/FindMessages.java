package org.bunnybook.api.chat;

import org.bunnybook.api.post.PageAfter;

import java.util.UUID;

public record FindMessages(UUID chatGroupId, PageAfter page) {
}
