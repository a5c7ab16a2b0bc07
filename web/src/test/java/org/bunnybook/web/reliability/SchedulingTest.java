package org.bunnybook.web.reliability;

import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's scheduled work (dead-letter retries, rebuild coordination, the caches' upkeep every second) runs
 * on its own scheduler, as {@code spring.task.scheduling} configures it, and not on the STOMP broker's, which Spring
 * would otherwise pick as the context's only scheduler and which is stopped with an interrupt.
 */
@BunnybookTest
class SchedulingTest {

    @Autowired
    ThreadPoolTaskScheduler taskScheduler;

    @Test
    void scheduledWorkRunsOnTheApplicationsSchedulerAsConfigured() {
        assertThat(taskScheduler.getPoolSize()).as("spring.task.scheduling.pool.size").isEqualTo(4);
        await("a scheduled task on the application's scheduler").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(thread -> thread.getName().startsWith(taskScheduler.getThreadNamePrefix())));
    }
}
