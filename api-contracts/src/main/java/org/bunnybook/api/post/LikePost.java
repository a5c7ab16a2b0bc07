package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Liking a post one already likes changes nothing. */
public record LikePost(@TargetAggregateIdentifier UUID postId, UUID profileId, String username) {
}
