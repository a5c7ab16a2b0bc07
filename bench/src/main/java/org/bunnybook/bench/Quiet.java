package org.bunnybook.bench;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting, in a benchmark, for the machine to be in the state a measurement needs. */
final class Quiet {

    private static final Duration POLL = Duration.ofMillis(200);

    private Quiet() {
    }

    /** Until every segment of every processing group has handled every event stored so far. */
    static void untilProjected(ConfigurableApplicationContext application) {
        long head = application.getBean(EventStore.class).createHeadToken().position().orElse(0);
        for (Object each : application.getBean(EventProcessingConfiguration.class).eventProcessors().values()) {
            if (each instanceof StreamingEventProcessor processor) {
                until(Duration.ofMinutes(30), () -> !processor.processingStatus().isEmpty()
                        && processor.processingStatus().values().stream()
                        .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head));
            }
        }
    }

    /** Until {@code condition} holds, asking again every 200 ms; fails after {@code patience}. */
    static void until(Duration patience, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("still waiting after " + patience);
            }
            pause(POLL.toMillis());
        }
    }

    /** Sleeps, a benchmark's interruption ending the benchmark. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
