package org.bunnybook.api.post;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.PersonalData;
import org.bunnybook.api.PersonalData.Erased;

import java.util.UUID;

@Revision("1")
public record PostLiked(UUID postId, UUID profileId,
                        @PersonalData(subject = "profileId", erasedAs = Erased.MEMBER) String username,
                        UUID postAuthorId, UUID wallProfileId) {
}
