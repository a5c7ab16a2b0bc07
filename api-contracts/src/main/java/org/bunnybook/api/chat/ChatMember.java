package org.bunnybook.api.chat;

import java.util.UUID;

/** A member of a conversation, with the username they had when they joined it. */
public record ChatMember(UUID profileId, String username) {
}
