package org.bunnybook.api.friendship;

import java.util.UUID;

/** Whether two members are friends, as the friendships table says; answers a {@code Boolean}. */
public record AreFriends(UUID one, UUID other) {
}
