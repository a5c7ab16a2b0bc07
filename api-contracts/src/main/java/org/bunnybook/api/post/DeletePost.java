package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Only the author or the wall owner may delete a post. */
public record DeletePost(@TargetAggregateIdentifier UUID postId, UUID requesterId) {
}
