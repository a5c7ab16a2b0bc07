package org.bunnybook.api.friendship;

/** How one member stands towards another, from the first member's point of view. */
public enum Relationship {
    SELF,
    NONE,
    OUTGOING_FRIEND_REQUEST,
    INCOMING_FRIEND_REQUEST,
    FRIEND
}
