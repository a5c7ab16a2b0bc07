package org.bunnybook.api.post;

/** The member may not do this to the post (e.g. delete a post they neither wrote nor host). */
public class NotAllowedOnPost extends RuntimeException {
    public NotAllowedOnPost(String rule) {
        super(rule);
    }
}
