package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Only the post's author may change what it says; its wall and privacy stay as they were. */
@ReflectedIn(ReadModels.WALLS)
public record EditPost(@TargetAggregateIdentifier UUID postId, UUID requesterId, String content) {
}
