package org.bunnybook.api.chat;

import java.util.UUID;

/** The ids of every conversation a member is in, active or closed. */
public record FindMemberConversations(UUID profileId) {
}
