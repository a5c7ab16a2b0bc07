package org.bunnybook.platform.push;

import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bunnybook.platform.projection.RebuildCopies;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Sends a server → client message to every connected session of a member, whichever node holds them. Pushes are
 * signals, not records: what they tell is also in a read model that clients load on connect, so a lost push costs
 * liveness, not data.
 */
public interface Pushes {

    /** How old an event may be and still be pushed as news (see {@link #isLive}). */
    Duration LIVE = Duration.ofMinutes(1);

    /** {@code {"event": event, "data": data}} to every session of {@code member}. */
    void push(UUID member, String event, Object data);

    /**
     * Whether an event is happening now rather than being replayed: not part of a rebuild, and recent (a projection
     * deployed for the first time, or catching up after a long stop, goes through old events too).
     */
    static boolean isLive(ReplayStatus replay, Instant at) {
        return !replay.isReplay() && at.isAfter(Instant.now().minus(LIVE));
    }

    /**
     * Runs {@code push} once the current unit of work (and the read model's transaction) has committed; never in one
     * that writes a rebuild's copies ({@link RebuildCopies}): the live processor tells members about the same events. The push goes out with its cause ({@link PushCause}): the event being
     * handled now and its trace.
     */
    static void afterCommit(Runnable push) {
        if (CurrentUnitOfWork.isStarted()) {
            if (RebuildCopies.writtenIn(CurrentUnitOfWork.get())) {
                return;
            }
            Runnable caused = PushCause.capture(push);
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> caused.run());
        } else {
            push.run();
        }
    }
}
