package org.bunnybook.api.friendship;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record FriendRequestAccepted(String friendshipId, UUID requesterId, String requesterUsername,
                 UUID targetId, String targetUsername) {
}
