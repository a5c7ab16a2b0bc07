package org.bunnybook.platform.projection;

import java.time.Instant;

/** A rebuild of a processing group: who asked, when, and how far it has come (see {@link ProjectionRebuilds}). */
public record Rebuild(long id, State state, String requestedBy, Instant requestedAt, Instant resetAt,
                      String resetByNode, Instant finishedAt) {

    /** Where a rebuild stands; stored by name in {@code projection_rebuilds.state}. */
    public enum State {
        /** Every node stops the group; one of them resets its tokens as soon as it can claim every segment. */
        REQUESTED,
        /** Reset: every node runs the group again, replaying history up to where it was reset. */
        REPLAYING,
        /** No segment replays any more. */
        FINISHED,
        /** Given up before anything was reset. */
        CANCELLED
    }
}
