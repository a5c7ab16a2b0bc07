package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Whether the commenter may see the post is checked before sending, like reading it. */
public record CommentOnPost(@TargetAggregateIdentifier UUID postId, UUID commentId, UUID authorId,
                            String authorUsername, String content) {
}
