package org.bunnybook.api.post;

import java.util.UUID;

/** A page of the posts on a wall the viewer may see (FRIENDS posts only for the owner and the owner's friends). */
public record FindWallPosts(UUID wallProfileId, UUID viewerId, PageAfter page) {
}
