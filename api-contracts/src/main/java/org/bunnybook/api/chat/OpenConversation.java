package org.bunnybook.api.chat;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Opens the private conversation of two new friends, or re-activates it; nothing happens if it is active. */
public record OpenConversation(@TargetAggregateIdentifier UUID chatGroupId, UUID oneId, String oneUsername,
                               UUID otherId, String otherUsername) {
}
