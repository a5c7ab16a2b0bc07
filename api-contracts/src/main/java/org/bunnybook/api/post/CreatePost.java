package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/**
 * Writes a post on a wall: the author's own, or a friend's (decided on the command side, against the friendship as
 * its own history has it; refused with {@link NotAllowedOnPost} otherwise).
 */
@ReflectedIn({ReadModels.WALLS, ReadModels.FEED_CACHE})
public record CreatePost(@TargetAggregateIdentifier UUID postId, UUID authorId, String authorUsername,
                         UUID wallProfileId, String content, Privacy privacy) {
}
