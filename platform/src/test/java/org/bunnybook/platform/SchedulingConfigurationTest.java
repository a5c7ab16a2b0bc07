package org.bunnybook.platform;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Once the context closes, no scheduled work starts, while the lifecycle stops what that work acts on. */
class SchedulingConfigurationTest {

    @Test
    void noScheduledWorkStartsOnceTheContextIsClosing() {
        Work work = new Work();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class))
                .withUserConfiguration(SchedulingConfiguration.class)
                // as application.yml: work under way finishes at shutdown, which leaves Spring's scheduler firing
                // until it is destroyed
                .withPropertyValues("spring.task.scheduling.shutdown.await-termination=true",
                        "spring.task.scheduling.shutdown.await-termination-period=10s")
                .withBean(Work.class, () -> work)
                .run(context -> await("runs while the context is open").atMost(Duration.ofSeconds(10))
                        .until(() -> work.starts.size() >= 3));

        assertThat(work.stopped).as("the lifecycle stopped").isTrue();
        // one run may have been under way as the context closed, and noted its start a moment later
        assertThat(work.starts.stream().filter(start -> start - work.stopping > 0))
                .as("runs begun after the lifecycle began to stop").hasSizeLessThanOrEqualTo(1);
    }

    /** Work every few milliseconds, and a lifecycle that takes a while to stop, as Axon's processors do. */
    static class Work implements SmartLifecycle {
        final Queue<Long> starts = new ConcurrentLinkedQueue<>();
        volatile long stopping;
        volatile boolean stopped;
        private volatile boolean running;

        @Scheduled(fixedDelay = 5)
        void run() {
            starts.add(System.nanoTime());
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            stopping = System.nanoTime();
            try {
                Thread.sleep(300); // long enough for dozens of runs, if the scheduler still fired
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running = false;
            stopped = true;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
