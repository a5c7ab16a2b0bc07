package org.bunnybook.api.post;

import java.time.Instant;
import java.util.UUID;

/** A comment; {@code profileId} and {@code username} are its author's. */
public record CommentView(UUID id, String content, Instant createdAt, UUID postId, UUID profileId, String username) {
}
