package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * The comment is gone from every read model; {@code deletedBy} is its author, the post's author or the wall's
 * owner.
 */
@Revision("1")
public record CommentDeleted(UUID postId, UUID commentId, UUID authorId, UUID deletedBy) {
}
