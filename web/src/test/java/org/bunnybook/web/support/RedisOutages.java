package org.bunnybook.web.support;

import org.bunnybook.embedded.EmbeddedRedisServer;
import org.bunnybook.embedded.EmbeddedStoresEnvironment;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

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
        // a failed command while the client is still away counts as "not yet", not as a failure
        await("the application reconnecting to Redis").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> application.hasKey("ping") != null);
    }
}
