package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** Staff hid the comment after a report: it is gone from the post's thread and count for every member. */
@Revision("1")
public record CommentHidden(UUID postId, UUID commentId, UUID reportId, UUID hiddenBy) {
}
