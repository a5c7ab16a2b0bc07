package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** The comment's author, the post's author or the wall's owner may delete a comment; nobody else. */
@ReflectedIn({ReadModels.WALLS, ReadModels.NOTIFICATIONS})
public record DeleteComment(@TargetAggregateIdentifier UUID postId, UUID commentId, UUID requesterId) {
}
