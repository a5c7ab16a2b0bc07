package org.bunnybook.api.post;

/** A post if the viewer may see it; otherwise whether it is missing or hidden from them. */
public record PostLookup(Outcome outcome, PostView post) {

    public enum Outcome { VISIBLE, NOT_FOUND, HIDDEN }

    public static PostLookup notFound() {
        return new PostLookup(Outcome.NOT_FOUND, null);
    }

    public static PostLookup hidden() {
        return new PostLookup(Outcome.HIDDEN, null);
    }
}
