package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Only the author or the wall owner may delete a post. */
@ReflectedIn({ReadModels.WALLS, ReadModels.FEED_CACHE})
public record DeletePost(@TargetAggregateIdentifier UUID postId, UUID requesterId) {
}
