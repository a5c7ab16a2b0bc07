package org.bunnybook.api.chat;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record ConversationOpened(UUID chatGroupId, UUID oneId, String oneUsername, UUID otherId,
                                 String otherUsername) {
}
