package org.bunnybook.api.post;

/** Who may see a post: everyone, or the wall owner and the wall owner's friends. */
public enum Privacy {
    PUBLIC,
    FRIENDS
}
