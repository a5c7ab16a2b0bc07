package org.bunnybook.web.post;

import org.bunnybook.web.error.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The {@code Idempotency-Key} request header (the IETF HTTP APIs working group's draft): a client that sends a post
 * again under the same key, not knowing whether the first one arrived (a timeout, a 503, a dropped connection), gets
 * the first one's answer instead of a second post. The key names the post: its id is derived from the member and the
 * key, and the event store holds one aggregate per id, so the post is stored once however often, and on whichever
 * nodes, it is asked for.
 */
final class IdempotencyKey {

    static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    private IdempotencyKey() {
    }

    /**
     * The id of the post {@code member} writes under {@code key}: the same for the same two, another for another member
     * (whose key cannot name this member's post). The key may come quoted, as the draft writes it (a structured
     * field's string), or bare; 422 unless it is 1–255 visible ASCII characters.
     */
    static UUID postId(UUID member, String key) {
        String bare = key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")
                ? key.substring(1, key.length() - 1) : key;
        if (bare.isEmpty() || bare.length() > MAX_LENGTH || !bare.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw ApiException.invalid("header", HEADER, "must be 1 to " + MAX_LENGTH
                    + " visible ASCII characters");
        }
        return UUID.nameUUIDFromBytes(("post " + member + " " + bare).getBytes(StandardCharsets.US_ASCII));
    }
}
