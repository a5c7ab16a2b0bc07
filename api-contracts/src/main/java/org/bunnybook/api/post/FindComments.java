package org.bunnybook.api.post;

import java.util.UUID;

/** A page of a post's comments, newest first. Visibility of the post is for the caller to check first. */
public record FindComments(UUID postId, PageAfter page) {
}
