package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record PostLiked(UUID postId, UUID profileId, String username, UUID postAuthorId, UUID wallProfileId) {
}
