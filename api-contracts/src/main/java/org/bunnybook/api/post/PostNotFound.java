package org.bunnybook.api.post;

/** The post does not exist, or no longer does. */
public class PostNotFound extends RuntimeException {
    public PostNotFound() {
        super("post not found");
    }
}
