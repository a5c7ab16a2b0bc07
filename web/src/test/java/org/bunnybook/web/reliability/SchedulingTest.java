package org.bunnybook.web.reliability;

import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
    @Qualifier("taskScheduler")
    ThreadPoolTaskScheduler taskScheduler;

    @Autowired
    ThreadPoolTaskSchedulerBuilder schedulers;

    @Autowired
    ApplicationContext context;

    @Test
    void scheduledWorkRunsOnTheApplicationsSchedulerAsConfigured() {
        assertThat(taskScheduler).isNotSameAs(context.getBean("messageBrokerTaskScheduler"));
        assertThat(taskScheduler.getPoolSize()).as("spring.task.scheduling.pool.size").isEqualTo(4);
        // a scheduler's threads are made as its tasks are scheduled: these ran the application's @Scheduled work
        await("a scheduled task on the application's scheduler").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> Thread.getAllStackTraces().keySet().stream()
                        .anyMatch(thread -> thread.getName().startsWith(taskScheduler.getThreadNamePrefix())));
    }

    @Test
    void workUnderWayWhenTheSchedulerStopsFinishesUninterrupted() throws Exception {
        ThreadPoolTaskScheduler scheduler = schedulers.threadNamePrefix("stopping-").build();
        scheduler.initialize();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        try {
            scheduler.execute(() -> {
                started.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                    interrupted.complete(false);
                } catch (InterruptedException e) {
                    interrupted.complete(true);
                }
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(scheduler::shutdown);
            await("the scheduler stopping").atMost(Duration.ofSeconds(10))
                    .until(() -> scheduler.getScheduledExecutor().isShutdown());
            release.countDown();
            stopping.get(20, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            scheduler.getScheduledExecutor().shutdownNow();
        }

        assertThat(interrupted.get(1, TimeUnit.SECONDS)).as("the task was interrupted").isFalse();
    }
}
