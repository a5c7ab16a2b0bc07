package org.bunnybook.web.support;

import org.bunnybook.embedded.EmbeddedRedisServer;
import org.bunnybook.embedded.EmbeddedStoresEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assumptions.assumeThat;

/** Stopping the embedded Redis under a running application, for tests. */
public final class RedisOutages {

    private RedisOutages() {
    }

    /** The embedded Redis; skips the test when the application uses another one. */
    public static EmbeddedRedisServer embeddedRedis() {
        var embedded = EmbeddedStoresEnvironment.embeddedRedis();
        assumeThat(embedded).as("needs the embedded Redis to stop it").isPresent();
        return embedded.get();
    }

    /** Restarts Redis and waits for the application to reconnect (with its backoff), as later tests expect. */
    public static void restart(EmbeddedRedisServer redis, StringRedisTemplate application) {
        redis.restart();
        for (int attempt = 0; attempt < 300; attempt++) {
            try {
                application.hasKey("ping");
                return;
            } catch (RuntimeException stillAway) {
                pause(100);
            }
        }
        throw new AssertionError("the application did not reconnect to Redis");
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
