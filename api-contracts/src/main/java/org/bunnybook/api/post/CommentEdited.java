package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.PersonalData;

import java.util.UUID;

/** The comment now says {@code content}; earlier versions stay in the post's earlier events. */
@Revision("1")
public record CommentEdited(UUID postId, UUID commentId, UUID authorId,
                            @PersonalData(subject = "authorId") String content) {
}
