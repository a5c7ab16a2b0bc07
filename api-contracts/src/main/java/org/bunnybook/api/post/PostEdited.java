package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.PersonalData;

import java.util.UUID;

/**
 * The post now says {@code content}. What it said before stays in its earlier events: the post's history is every
 * version it had (docs/auditing.md).
 */
@Revision("1")
public record PostEdited(UUID postId, UUID authorId, UUID wallProfileId,
                         @PersonalData(subject = "authorId") String content) {
}
