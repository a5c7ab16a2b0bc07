package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/**
 * Only those who may see the post may comment on it (likes and unlikes alike): anyone for a PUBLIC post; for a
 * FRIENDS post, the wall's owner and the owner's friends.
 */
@ReflectedIn(ReadModels.WALLS)
public record CommentOnPost(@TargetAggregateIdentifier UUID postId, UUID commentId, UUID authorId,
                            String authorUsername, String content) {
}
