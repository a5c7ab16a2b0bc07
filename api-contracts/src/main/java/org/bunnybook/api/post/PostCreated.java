package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.PersonalData;
import org.bunnybook.api.PersonalData.Erased;

import java.util.UUID;

/**
 * A post was written on a wall. Revision 1 also carried the wall owner's username ({@code wallUsername}), which no
 * reader used; it is dropped when a revision 1 event is read.
 */
@Revision("2")
public record PostCreated(UUID postId, UUID authorId,
                          @PersonalData(subject = "authorId", erasedAs = Erased.MEMBER) String authorUsername,
                          UUID wallProfileId, @PersonalData(subject = "authorId") String content, Privacy privacy) {
}
