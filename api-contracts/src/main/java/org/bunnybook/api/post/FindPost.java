package org.bunnybook.api.post;

import java.util.UUID;

/** Answers a {@link PostLookup}; {@code viewerId} is null for anonymous readers. */
public record FindPost(UUID postId, UUID viewerId) {
}
