package org.bunnybook.api.chat;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Closes the conversation to new messages (its members stopped being friends); its history stays. */
public record DeactivateConversation(@TargetAggregateIdentifier UUID chatGroupId) {
}
