package org.bunnybook.api.post;

import java.util.UUID;

/** Answers an {@link java.util.Optional} of {@link CommentView}. */
public record FindComment(UUID commentId) {
}
