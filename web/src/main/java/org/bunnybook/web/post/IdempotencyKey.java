package org.bunnybook.web.post;

import org.bunnybook.web.error.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The {@code Idempotency-Key} request header (the IETF HTTP APIs working group's draft): a client that sends a post
 * or a comment again under the same key, not knowing whether the first one arrived (a timeout, a 503, a dropped
 * connection), gets the first one's answer instead of a second one. The key names what it asks for: its id is derived
 * from the member and the key, so it is stored once however often, and on whichever nodes, it is asked for. The event
 * store holds one aggregate per post id; a post remembers its latest comments' ids.
 */
final class IdempotencyKey {

    static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    private IdempotencyKey() {
    }

    /**
     * The id of the post {@code member} writes under {@code key}: the same for the same two, another for another member
     * (whose key cannot name this member's post).
     */
    static UUID postId(UUID member, String key) {
        return id("post " + member + " " + bare(key));
    }

    /** The id of the comment {@code member} writes on {@code post} under {@code key}, as {@link #postId}. */
    static UUID commentId(UUID member, UUID post, String key) {
        return id("comment " + member + " " + post + " " + bare(key));
    }

    /**
     * The key without the quotes it may come in, as the draft writes it (a structured field's string); 422 unless it
     * is 1–255 visible ASCII characters.
     */
    private static String bare(String key) {
        String bare = key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")
                ? key.substring(1, key.length() - 1) : key;
        if (bare.isEmpty() || bare.length() > MAX_LENGTH || !bare.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw ApiException.invalid("header", HEADER, "must be 1 to " + MAX_LENGTH
                    + " visible ASCII characters");
        }
        return bare;
    }

    private static UUID id(String named) {
        return UUID.nameUUIDFromBytes(named.getBytes(StandardCharsets.US_ASCII));
    }
}
