package org.bunnybook.web.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bunnybook.api.account.AccountRegistered;
import org.springframework.stereotype.Component;

/**
 * A read model that cannot cope with members named "Poison…", present in the test application only, to show that
 * an event a projection fails on is parked in that group's dead-letter queue rather than skipped, however long the
 * failure's message ("PoisonVerbose…").
 */
@Component
@ProcessingGroup(PoisonedProjection.GROUP)
public class PoisonedProjection {

    public static final String GROUP = "poisoned-for-tests";

    @EventHandler
    void on(AccountRegistered event) {
        if (event.username().startsWith("PoisonVerbose")) {
            throw new IllegalStateException("this projection cannot handle " + event.username() + ": "
                    + "a failure with a long story. ".repeat(200));
        }
        if (event.username().startsWith("Poison")) {
            throw new IllegalStateException("this projection cannot handle " + event.username());
        }
    }
}
