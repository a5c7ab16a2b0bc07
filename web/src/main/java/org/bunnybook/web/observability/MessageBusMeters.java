package org.bunnybook.web.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.MessageMonitorFactory;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts and times the messages of the command bus, the query bus and the event store per payload type, under the
 * names Axon's Micrometer module gives them ({@code commandBus.successTimer}, {@code queryBus.allTimer},
 * {@code eventStore.ingestedCounter}, …, tagged {@code payloadType}: the event store's counters too, which Axon left
 * untagged), in place of Axon's monitors for these three. Axon's looked up nine meters in the registry for every
 * message, kept client-side percentiles in each timer and a capacity gauge beside them: an eighth of a cached feed
 * page's query, as much CPU as parsing the page's ten posts (docs/performance.md, "HTTP reads against a warm floor").
 * Here a payload type's meters are made when its first message passes, and a message costs a map lookup, a clock read
 * and a few increments. The timers keep counts, sums and maxima: a node's own percentiles could not be added up across
 * nodes, and a request's latency percentiles come from {@code http.server.requests}' histogram.
 */
@Configuration(proxyBeanMethods = false)
class MessageBusMeters {

    /** Monitors for the three buses, which Axon prefers to its default monitors (those of every component). */
    @Bean
    ConfigurerModule meteredBuses(MeterRegistry meters) {
        // the component's name is the meters' prefix, as in Axon's: "commandBus", "queryBus", "eventStore"
        MessageMonitorFactory byPayloadType = (configuration, type, name) -> new ByPayloadType(meters, name);
        return configurer -> configurer.configureMessageMonitor(CommandBus.class, byPayloadType)
                .configureMessageMonitor(QueryBus.class, byPayloadType)
                .configureMessageMonitor(EventBus.class, byPayloadType);
    }

    /** One bus's meters, by payload type, each type's made once. */
    private static final class ByPayloadType implements MessageMonitor<Message<?>> {

        private final MeterRegistry meters;
        private final String prefix;
        private final Map<Class<?>, Meters> byType = new ConcurrentHashMap<>();

        ByPayloadType(MeterRegistry meters, String prefix) {
            this.meters = meters;
            this.prefix = prefix;
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            Meters of = byType.computeIfAbsent(message.getPayloadType(), type -> new Meters(meters, prefix, type));
            of.ingested.increment();
            long ingestedAt = System.nanoTime();
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    of.processed.increment();
                    of.ended(of.succeeded, of.successTimer, ingestedAt);
                }

                @Override
                public void reportFailure(Throwable cause) {
                    of.processed.increment();
                    of.ended(of.failed, of.failureTimer, ingestedAt);
                }

                @Override
                public void reportIgnored() {
                    // not processed, as Axon counts it (a query no handler answered): counted and timed as ignored
                    of.ended(of.ignored, of.ignoredTimer, ingestedAt);
                }
            };
        }
    }

    /** A payload type's counters and timers on one bus. */
    private static final class Meters {

        final Counter ingested;
        final Counter processed;
        final Counter succeeded;
        final Counter failed;
        final Counter ignored;
        final Timer allTimer;
        final Timer successTimer;
        final Timer failureTimer;
        final Timer ignoredTimer;

        Meters(MeterRegistry meters, String prefix, Class<?> payloadType) {
            String tag = payloadType.getSimpleName();
            ingested = counter(meters, prefix + ".ingestedCounter", tag);
            processed = counter(meters, prefix + ".processedCounter", tag);
            succeeded = counter(meters, prefix + ".successCounter", tag);
            failed = counter(meters, prefix + ".failureCounter", tag);
            ignored = counter(meters, prefix + ".ignoredCounter", tag);
            allTimer = timer(meters, prefix + ".allTimer", tag);
            successTimer = timer(meters, prefix + ".successTimer", tag);
            failureTimer = timer(meters, prefix + ".failureTimer", tag);
            ignoredTimer = timer(meters, prefix + ".ignoredTimer", tag);
        }

        void ended(Counter outcome, Timer outcomeTimer, long ingestedAt) {
            long took = System.nanoTime() - ingestedAt;
            outcome.increment();
            allTimer.record(took, TimeUnit.NANOSECONDS);
            outcomeTimer.record(took, TimeUnit.NANOSECONDS);
        }

        private static Counter counter(MeterRegistry meters, String name, String payloadType) {
            return Counter.builder(name).tag("payloadType", payloadType).register(meters);
        }

        private static Timer timer(MeterRegistry meters, String name, String payloadType) {
            return Timer.builder(name).tag("payloadType", payloadType).register(meters);
        }
    }
}
