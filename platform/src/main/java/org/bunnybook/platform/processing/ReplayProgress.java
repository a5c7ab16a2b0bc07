package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * How far a segment's replay has come, read from its token. A segment that has caught up with the position it was
 * reset at counts as live: Axon keeps its replay token until the next event arrives, however long that takes.
 *
 * @param progress the share of the history up to the reset position replayed so far (0 to 1), null when live
 */
public record ReplayProgress(boolean replaying, Double progress) {

    private static final ReplayProgress LIVE = new ReplayProgress(false, null);

    public static ReplayProgress of(TrackingToken token) {
        if (token == null) {
            return LIVE;
        }
        return WrappedToken.unwrap(token, ReplayToken.class).map(replay -> {
            long resetAt = position(replay.getTokenAtReset());
            long done = position(replay.getCurrentToken());
            return done >= resetAt ? LIVE : new ReplayProgress(true, resetAt == 0 ? 0.0 : (double) done / resetAt);
        }).orElse(LIVE);
    }

    public static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }
}
