package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Writes a post on a wall. Whether the author may write there (their own wall or a friend's) depends on the
 * friendships of the two, so it is checked before sending, against the friendships read model.
 */
public record CreatePost(@TargetAggregateIdentifier UUID postId, UUID authorId, String authorUsername,
                         UUID wallProfileId, String wallUsername, String content, Privacy privacy) {
}
