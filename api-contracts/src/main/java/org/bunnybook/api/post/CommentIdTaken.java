package org.bunnybook.api.post;

/**
 * A comment with the id asked for is on the post, stored too long ago for the post to answer with it: a request sent
 * again under an idempotency key long after its first, which is refused rather than stored twice.
 */
public class CommentIdTaken extends RuntimeException {
    public CommentIdTaken() {
        super("a comment with this id is on the post already");
    }
}
