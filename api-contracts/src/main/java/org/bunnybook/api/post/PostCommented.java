package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A comment on a post; carries the post's author and wall so that notifications need not look them up. */
@Revision("1")
public record PostCommented(UUID postId, UUID commentId, UUID authorId, String authorUsername, String content,
                            UUID postAuthorId, String postAuthorUsername, UUID wallProfileId) {
}
