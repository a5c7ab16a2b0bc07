package org.bunnybook.api.friendship;

import java.util.UUID;

/** The ids of all of a member's friends (for presence: whom to tell, whose dots to show). */
public record FindFriendIds(UUID profileId) {
}
