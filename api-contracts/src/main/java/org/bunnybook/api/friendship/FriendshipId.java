package org.bunnybook.api.friendship;

import java.util.UUID;

/**
 * Names the one friendship aggregate of an unordered pair of members: the same whichever of the two acts, so both
 * members' actions are decided against one state.
 */
public final class FriendshipId {

    private FriendshipId() {
    }

    public static String of(UUID one, UUID other) {
        return one.compareTo(other) < 0 ? one + ":" + other : other + ":" + one;
    }
}
