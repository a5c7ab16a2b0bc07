package org.bunnybook.web.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/**
 * Times the events each processing group handles: {@code eventProcessor.allTimer}, tagged {@code processorName} and
 * {@code outcome} (success or failure), in place of Axon's Micrometer monitors for event processors (the buses' are
 * {@link MessageBusMeters}). Axon's looked up a timer, a counter, a capacity and a latency meter, tagged by
 * message type, for every event every processing group saw, including the many each group ignores: in the ingest
 * benchmark the work per command tripled with them, 100 commands/s passed with them and 250 without
 * (docs/performance.md, "Ingest, third pass"). Here a group's two timers are made once, and an event the group
 * ignores costs a clock read. How far behind each group is, its lag gauges say ({@link ProcessingGroupMeters}).
 */
@Configuration(proxyBeanMethods = false)
class ProcessingGroupTimers {

    /** A monitor for event processors, which Axon prefers to its default monitors (those of every component). */
    @Bean
    ConfigurerModule timedEventProcessors(MeterRegistry meters) {
        return configurer -> configurer.configureMessageMonitor(EventProcessor.class,
                (configuration, componentType, processorName) -> new HandlingTimer(
                        timer(meters, processorName, "success"), timer(meters, processorName, "failure")));
    }

    private static Timer timer(MeterRegistry meters, String processorName, String outcome) {
        return Timer.builder("eventProcessor.allTimer")
                .description("events a processing group handled, from being handed to it until its batch committed")
                .tag("processorName", processorName).tag("outcome", outcome).register(meters);
    }

    private record HandlingTimer(Timer succeeded, Timer failed) implements MessageMonitor<Message<?>> {

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            long handedAt = System.nanoTime();
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    succeeded.record(System.nanoTime() - handedAt, TimeUnit.NANOSECONDS);
                }

                @Override
                public void reportFailure(Throwable cause) {
                    failed.record(System.nanoTime() - handedAt, TimeUnit.NANOSECONDS);
                }

                @Override
                public void reportIgnored() {
                    // not handled: nothing to time
                }
            };
        }
    }
}
