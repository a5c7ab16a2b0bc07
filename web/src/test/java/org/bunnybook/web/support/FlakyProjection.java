package org.bunnybook.web.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bunnybook.api.account.AccountRegistered;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read model that fails the first two times it sees a member named "Flaky…" and copes the third time, like a store
 * that was away for a while; present in the test application only. (Failing twice keeps the event parked for at
 * least one retry round, long enough for a test to see it parked.)
 */
@Component
@ProcessingGroup(FlakyProjection.GROUP)
public class FlakyProjection {

    public static final String GROUP = "flaky-for-tests";
    private static final Map<UUID, Integer> ATTEMPTS = new ConcurrentHashMap<>();

    @EventHandler
    void on(AccountRegistered event) {
        if (event.username().startsWith("Flaky") && ATTEMPTS.merge(event.profileId(), 1, Integer::sum) <= 2) {
            throw new IllegalStateException("briefly unable to handle " + event.username());
        }
    }

    /** How many times the registration of {@code profileId} has been handled so far, failed or not. */
    public static int attempts(UUID profileId) {
        return ATTEMPTS.getOrDefault(profileId, 0);
    }
}
