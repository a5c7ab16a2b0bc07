package org.bunnybook.web.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bunnybook.api.account.AccountRegistered;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read model that fails the first time it sees a member named "Flaky…" and copes the second time, like a store
 * that was briefly away; present in the test application only.
 */
@Component
@ProcessingGroup(FlakyProjection.GROUP)
public class FlakyProjection {

    public static final String GROUP = "flaky-for-tests";
    private static final Set<UUID> SEEN = ConcurrentHashMap.newKeySet();

    @EventHandler
    void on(AccountRegistered event) {
        if (event.username().startsWith("Flaky") && SEEN.add(event.profileId())) {
            throw new IllegalStateException("briefly unable to handle " + event.username());
        }
    }
}
