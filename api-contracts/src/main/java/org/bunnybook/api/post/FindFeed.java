package org.bunnybook.api.post;

import java.util.UUID;

/** A page of the posts on the member's own wall and their friends' walls, newest first. */
public record FindFeed(UUID profileId, PageAfter page) {
}
