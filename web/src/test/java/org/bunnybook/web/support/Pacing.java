package org.bunnybook.web.support;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * Lets time pass on purpose, for tests whose point is what happens meanwhile (a client keeping within a rate limit, a
 * loader slow enough for every reader to miss); never to wait for a result, which is Awaitility's job.
 */
public final class Pacing {

    private Pacing() {
    }

    public static void letPass(Duration time) {
        await().pollDelay(time).atMost(time.plusSeconds(5)).until(() -> true);
    }
}
