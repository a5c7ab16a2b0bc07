package org.bunnybook.api.chat;

import org.bunnybook.api.friendship.FriendshipId;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The private conversation of two members has one id, derived from the pair, so either side finds it. */
public final class ChatGroupId {

    private ChatGroupId() {
    }

    public static UUID of(UUID one, UUID other) {
        return UUID.nameUUIDFromBytes(("conversation/" + FriendshipId.of(one, other)).getBytes(StandardCharsets.UTF_8));
    }
}
