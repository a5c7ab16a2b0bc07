package org.bunnybook.api.post;

/** The post has no such comment, or no longer has it. */
public class CommentNotFound extends RuntimeException {
    public CommentNotFound() {
        super("comment not found");
    }
}
