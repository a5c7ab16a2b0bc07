package org.bunnybook.web.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.bunnybook.api.Processes;
import org.bunnybook.api.friendship.FriendRequestAccepted;
import org.bunnybook.api.friendship.Unfriended;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Slows the conversation lifecycle's step for members whose username begins with {@link #PREFIX}, as a busy node
 * would: the pair's conversation then opens (or closes) a moment after the friendship changed. It handles events in
 * the lifecycle's own processing group, so the batch that carries the step, and the conversation's command stored
 * with it, wait too. Present in the test application only; like the lifecycle, never replayed.
 */
@Component
@ProcessingGroup(Processes.CONVERSATION_LIFECYCLE)
@DisallowReplay
public class UnhurriedLifecycle {

    public static final String PREFIX = "Unhurried";
    private static final Duration DELAY = Duration.ofMillis(1500);

    @EventHandler
    void on(FriendRequestAccepted event) throws InterruptedException {
        pauseFor(event.requesterUsername(), event.targetUsername());
    }

    @EventHandler
    void on(Unfriended event) throws InterruptedException {
        pauseFor(event.byUsername(), event.otherUsername());
    }

    private static void pauseFor(String one, String other) throws InterruptedException {
        if (one.startsWith(PREFIX) || other.startsWith(PREFIX)) {
            Thread.sleep(DELAY.toMillis());
        }
    }
}
