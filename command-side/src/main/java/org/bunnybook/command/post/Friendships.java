package org.bunnybook.command.post;

import java.util.UUID;

/**
 * What a post's rules need to know of friendships: whether two members are friends now, as the friendship's own
 * history records it. Never a read model, which may be behind or have parked an {@code Unfriended} event: an
 * ex-friend must lose access the moment the friendship ends.
 */
public interface Friendships {

    boolean areFriends(UUID one, UUID other);
}
