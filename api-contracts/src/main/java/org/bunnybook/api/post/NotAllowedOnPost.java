package org.bunnybook.api.post;

/**
 * The member may not do this to the post or wall: delete a post they neither wrote nor host, post on the wall of
 * someone who is not their friend, or comment on or like a FRIENDS post on such a wall.
 */
public class NotAllowedOnPost extends RuntimeException {
    public NotAllowedOnPost(String rule) {
        super(rule);
    }
}
