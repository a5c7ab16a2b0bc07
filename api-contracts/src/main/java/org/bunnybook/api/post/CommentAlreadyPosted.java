package org.bunnybook.api.post;

import org.bunnybook.api.StoredBefore;

import java.util.UUID;

/**
 * What {@link CommentOnPost} answers when a comment with its id is on the post already (a request sent again under
 * the same idempotency key): nothing new is stored, and this names the stored comment's event.
 */
public record CommentAlreadyPosted(UUID postId, long seq) implements StoredBefore {

    @Override
    public String aggregateId() {
        return postId.toString();
    }
}
