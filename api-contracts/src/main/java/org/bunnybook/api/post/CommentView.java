package org.bunnybook.api.post;

import java.time.Instant;
import java.util.UUID;

/**
 * A comment; {@code profileId} and {@code username} are its author's. {@code editedAt} is when its content last
 * changed, null if it never did.
 */
public record CommentView(UUID id, String content, Instant createdAt, UUID postId, UUID profileId, String username,
                          Instant editedAt) {
}
