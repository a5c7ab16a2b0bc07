package org.bunnybook.web.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bunnybook.api.account.AccountRegistered;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A read model whose store refuses to be emptied while {@link #BROKEN} is set, like one that is down when a rebuild
 * begins; present in the test application only.
 */
@Component
@ProcessingGroup(BrokenResetProjection.GROUP)
public class BrokenResetProjection {

    public static final String GROUP = "broken-reset-for-tests";
    public static final AtomicBoolean BROKEN = new AtomicBoolean();

    @EventHandler
    void on(AccountRegistered event) {
        // keeps nothing; it is here for its reset
    }

    @ResetHandler
    void reset() {
        if (BROKEN.get()) {
            throw new IllegalStateException("the store of " + GROUP + " is down");
        }
    }
}
