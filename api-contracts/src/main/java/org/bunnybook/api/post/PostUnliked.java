package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record PostUnliked(UUID postId, UUID profileId) {
}
