package org.bunnybook.api.chat;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Sends a message to an active conversation the sender is a member of; {@code clientMessageId} is echoed. */
public record PostMessage(@TargetAggregateIdentifier UUID chatGroupId, UUID messageId, UUID fromId,
                          String fromUsername, String content, String clientMessageId) {
}
