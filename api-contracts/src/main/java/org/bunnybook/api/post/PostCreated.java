package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record PostCreated(UUID postId, UUID authorId, String authorUsername, UUID wallProfileId, String wallUsername,
                          String content, Privacy privacy) {
}
