package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** The comment now says {@code content}; earlier versions stay in the post's earlier events. */
@Revision("1")
public record CommentEdited(UUID postId, UUID commentId, UUID authorId, String content) {
}
