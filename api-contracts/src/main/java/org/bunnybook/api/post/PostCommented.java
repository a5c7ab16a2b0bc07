package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.PersonalData;
import org.bunnybook.api.PersonalData.Erased;

import java.util.UUID;

/** A comment on a post; carries the post's author and wall so that notifications need not look them up. */
@Revision("1")
public record PostCommented(UUID postId, UUID commentId, UUID authorId,
                            @PersonalData(subject = "authorId", erasedAs = Erased.MEMBER) String authorUsername,
                            @PersonalData(subject = "authorId") String content, UUID postAuthorId,
                            @PersonalData(subject = "postAuthorId", erasedAs = Erased.MEMBER) String postAuthorUsername,
                            UUID wallProfileId) {
}
