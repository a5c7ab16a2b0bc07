package org.bunnybook.api.chat;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Staff hide a reported message of the conversation from its members; {@code reportId} is the report it answers. */
@ReflectedIn({ReadModels.CONVERSATIONS, ReadModels.REPORTS})
public record HideMessage(@TargetAggregateIdentifier UUID chatGroupId, UUID messageId, UUID reportId,
                          UUID moderatorId) {
}
