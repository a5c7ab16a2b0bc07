package org.bunnybook.api.friendship;

import java.util.UUID;

/** A page of a member's pending requests in one direction, A→Z by the other member's username. */
public record FindFriendRequests(UUID profileId, Direction direction, String usernameGt, int limit) {

    public enum Direction { INCOMING, OUTGOING }
}
