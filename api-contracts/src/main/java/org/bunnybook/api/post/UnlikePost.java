package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Taking back a like one never gave changes nothing. */
public record UnlikePost(@TargetAggregateIdentifier UUID postId, UUID profileId) {
}
