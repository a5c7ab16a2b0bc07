package org.bunnybook.api.chat;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Moves the member's read pointer in the conversation to {@code messageId}. */
public record MarkChatAsRead(@TargetAggregateIdentifier UUID chatGroupId, UUID profileId, UUID messageId) {
}
