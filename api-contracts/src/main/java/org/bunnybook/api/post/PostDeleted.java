package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** The post, its comments and likes are gone from every read model. */
@Revision("1")
public record PostDeleted(UUID postId, UUID authorId, UUID wallProfileId, UUID deletedBy) {
}
