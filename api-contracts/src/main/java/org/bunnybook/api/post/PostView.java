package org.bunnybook.api.post;

import java.time.Instant;
import java.util.UUID;

/**
 * A post as a reader sees it; {@code profileId} and {@code username} are the author's. {@code editedAt} is when its
 * content last changed, null if it never did.
 */
public record PostView(UUID id, String content, Instant createdAt, Instant updatedAt, UUID wallProfileId,
                       UUID profileId, Privacy privacy, int commentsCount, String username, int likesCount,
                       boolean likedByMe, Instant editedAt) {
}
