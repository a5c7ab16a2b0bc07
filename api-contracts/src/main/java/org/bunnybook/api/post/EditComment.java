package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/**
 * Only the comment's author may change what it says, and only while they may still see the post (the rule for
 * commenting: an edit says something new).
 */
@ReflectedIn(ReadModels.WALLS)
public record EditComment(@TargetAggregateIdentifier UUID postId, UUID commentId, UUID requesterId, String content) {
}
