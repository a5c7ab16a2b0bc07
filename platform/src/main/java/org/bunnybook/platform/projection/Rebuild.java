package org.bunnybook.platform.projection;

import java.time.Instant;

/**
 * A rebuild of a processing group: who asked, when, and how far it has come (see {@link ProjectionRebuilds}).
 *
 * @param besideLive  built beside the live read model, which serves until the switch ({@link BesideLiveRebuilds}),
 *                    rather than over it
 * @param resetAt     when the group was reset (in place) or its copies were made (beside the live model)
 * @param resetByNode the node that did it
 */
public record Rebuild(long id, State state, boolean besideLive, String requestedBy, Instant requestedAt,
                      Instant resetAt, String resetByNode, Instant finishedAt) {

    /** Where a rebuild stands; stored by name in {@code projection_rebuilds.state}. */
    public enum State {
        /**
         * In place: every node stops the group; one of them resets its tokens as soon as it can claim every segment.
         * Beside the live model: one node makes the copies of its tables.
         */
        REQUESTED,
        /** In place: reset; every node runs the group again, replaying history up to where it was reset. */
        REPLAYING,
        /** Beside the live model: the copies are being filled from history while the live tables serve. */
        BUILDING,
        /** Beside the live model: caught up; the live processor stops for the moment the copies are swapped in. */
        SWITCHING,
        /** No segment replays any more (in place), or the copies are live (beside). */
        FINISHED,
        /** Given up before anything was reset, or while the copies were being built. */
        CANCELLED
    }
}
