package org.bunnybook.api.friendship;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.PersonalData;
import org.bunnybook.api.PersonalData.Erased;

import java.util.UUID;

@Revision("1")
public record FriendRequestCancelled(
        String friendshipId, UUID requesterId,
        @PersonalData(subject = "requesterId", erasedAs = Erased.MEMBER) String requesterUsername, UUID targetId,
        @PersonalData(subject = "targetId", erasedAs = Erased.MEMBER) String targetUsername) {
}
