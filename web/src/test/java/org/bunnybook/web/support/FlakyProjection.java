package org.bunnybook.web.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bunnybook.api.account.AccountRegistered;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A read model that fails the first two times it sees a member named "Flaky…" and copes the third time, like a store
 * that was away for a while; present in the test application only. It remembers how each attempt came: in one of
 * the processor's batches, or as a retry of the parked event (which a test cannot reliably catch in the queue: it
 * stays there for less than a retry interval).
 */
@Component
@ProcessingGroup(FlakyProjection.GROUP)
public class FlakyProjection {

    public static final String GROUP = "flaky-for-tests";

    /** How an attempt to handle an event came. */
    public enum Attempt { IN_A_BATCH, RETRY_OF_THE_PARKED_EVENT }

    private static final Map<UUID, List<Attempt>> ATTEMPTS = new ConcurrentHashMap<>();

    @EventHandler
    void on(AccountRegistered event) {
        if (!event.username().startsWith("Flaky")) {
            return;
        }
        List<Attempt> attempts = ATTEMPTS.computeIfAbsent(event.profileId(), id -> new CopyOnWriteArrayList<>());
        attempts.add(CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?>
                ? Attempt.IN_A_BATCH : Attempt.RETRY_OF_THE_PARKED_EVENT);
        if (attempts.size() <= 2) {
            throw new IllegalStateException("briefly unable to handle " + event.username());
        }
    }

    /** The attempts so far to handle the registration of {@code profileId}, in order, failed or not. */
    public static List<Attempt> attempts(UUID profileId) {
        return List.copyOf(ATTEMPTS.getOrDefault(profileId, List.of()));
    }
}
