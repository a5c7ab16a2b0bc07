package org.bunnybook.web.observability;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bunnybook.embedded.EmbeddedRedisServer;
import org.bunnybook.web.support.FlakyProjection;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.RedisOutages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness covers the stores and the processing groups; liveness only the application itself, so that an outage
 * takes a node out of the load balancer without getting it restarted. Stores the node serves without (Redis, Neo4j)
 * leave it ready, DEGRADED; PostgreSQL unreachable from a node takes it out (PartitionedNodeTest).
 */
@BunnybookTest
class ReadinessTest {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redisTemplate;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void readinessStaysUpSayingDegradedWhileRedisIsAwayAndUpAgainAfter() {
        EmbeddedRedisServer redis = RedisOutages.embeddedRedis();
        ApiClient anyone = new ApiClient(port);
        awaitReady(anyone);
        assertThat(status(anyone, "/readyz")).isEqualTo(200);
        assertThat(anyone.get("/actuator/health/readiness").json().get("status").asText()).isEqualTo("UP");

        redis.stop();
        try {
            // the node serves without Redis (reads go around the caches): it stays in its load balancer
            await("readiness saying DEGRADED").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> anyone.get("/actuator/health/readiness").json().path("status").asText()
                            .equals("DEGRADED"));
            assertThat(status(anyone, "/actuator/health/readiness")).isEqualTo(200);
            assertThat(status(anyone, "/readyz")).isEqualTo(200);
            assertThat(status(anyone, "/actuator/health/liveness")).isEqualTo(200);
            assertThat(status(anyone, "/livez")).isEqualTo(200);
        } finally {
            RedisOutages.restart(redis, redisTemplate);
        }
        awaitReady(anyone);
        await("readiness saying UP again").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> anyone.get("/actuator/health/readiness").json().path("status").asText().equals("UP"));
    }

    @Test
    void readinessIsDownWhileAProcessingGroupIsStoppedAndUpAgainOnceItRuns() {
        StreamingEventProcessor flaky = processing.eventProcessor(FlakyProjection.GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        ApiClient anyone = new ApiClient(port);
        awaitReady(anyone);
        flaky.shutDown();
        try {
            await("readiness going down").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> status(anyone, "/actuator/health/readiness") == 503);
            assertThat(status(anyone, "/actuator/health/liveness")).isEqualTo(200);
        } finally {
            flaky.start();
        }
        awaitReady(anyone);
    }

    /** Ready, once what an earlier test stopped or restarted (a store, a processor) is back. */
    private static void awaitReady(ApiClient anyone) {
        await("readiness").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(anyone, "/actuator/health/readiness") == 200);
    }

    private static int status(ApiClient client, String path) {
        return client.get(path).status();
    }
}
