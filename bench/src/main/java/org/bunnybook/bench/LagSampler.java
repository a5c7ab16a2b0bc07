package org.bunnybook.bench;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.processing.ReplayProgress;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How far each processing group is behind the head of the event store. A group's position is its slowest segment's
 * token, taken two ways: as this node's processor holds it ({@code processingStatus()}, which moves past events the
 * group has no handler for as soon as they are read), and as the token store holds it, which is what other nodes
 * see. The two differ for groups that handle few of the events: Axon stores a work package's token after each batch
 * it handles, and otherwise only when it extends its claim (every few seconds), so the stored token of such a group
 * stays behind while the group has nothing to do. Its lag is how old the oldest event is that it has not handled
 * (that event's stored timestamp against the clock of this JVM, which also stamped it), and how many positions it is
 * behind the head. The store is read on a connection of its own, three queries a sample: under load the application's
 * pool has a queue, and a sample waiting in it would measure the queue (the platform's {@code StoredTokens} reads
 * through the pool, so the tokens are read here as it reads them).
 */
final class LagSampler implements AutoCloseable {

    private static final String HEAD = "SELECT coalesce(max(global_index), 0) FROM " + EventStoreTables.EVENTS;
    private static final String TOKENS = "SELECT processor_name, token, token_type FROM " + EventStoreTables.TOKENS;
    private static final String STORED_AFTER = "SELECT p, (SELECT e.time_stamp FROM " + EventStoreTables.EVENTS
            + " e WHERE e.global_index > p ORDER BY e.global_index LIMIT 1) FROM unnest(?::bigint[]) AS p";

    private final Serializer serializer;
    private final Map<String, StreamingEventProcessor> processors;
    private final List<String> groups;
    private final Connection connection;

    LagSampler(ConfigurableApplicationContext application) {
        this.serializer = application.getBean(Serializer.class);
        this.processors = new TreeMap<>();
        application.getBean(EventProcessingConfiguration.class).eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                processors.put(name, streaming);
            }
        });
        this.groups = List.copyOf(processors.keySet());
        Environment environment = application.getEnvironment();
        try {
            this.connection = DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                    environment.getProperty("spring.datasource.username"),
                    environment.getProperty("spring.datasource.password", ""));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The groups sampled: every streaming processor's, by name. */
    List<String> groups() {
        return groups;
    }

    /** What is sampled, by group: lags in nanoseconds, positions behind as counts. */
    record Samples(Map<String, Latencies> lags, Map<String, Latencies> behind, Map<String, Latencies> storedLags,
                   Map<String, Latencies> storedBehind) {

        static Samples of(List<String> groups) {
            return new Samples(each(groups), each(groups), each(groups), each(groups));
        }

        private static Map<String, Latencies> each(List<String> groups) {
            Map<String, Latencies> each = new LinkedHashMap<>();
            groups.forEach(group -> each.put(group, new Latencies(1024)));
            return each;
        }
    }

    /** Samples running in the background until stopped. */
    interface Sampling {

        /** Stops sampling and answers how long each sample took. */
        Latencies stop();
    }

    /** Every {@code every}, adds each group's lag and positions behind, both ways, to {@code samples}. */
    Sampling start(Duration every, Samples samples) {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        Latencies took = new Latencies(1024);
        sampler.scheduleAtFixedRate(() -> {
            long started = System.nanoTime();
            try {
                sample(samples);
            } catch (RuntimeException e) { // a missing sample, not a failed benchmark
                System.err.println("lag sample failed: " + e);
            }
            took.add(System.nanoTime() - started);
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            sampler.shutdown();
            try {
                sampler.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return took;
        };
    }

    private void sample(Samples samples) {
        long head = head();
        Map<String, Long> running = runningPositions();
        Map<String, Long> stored = positions();
        Instant now = Instant.now();
        Map<Long, Instant> oldest = storedAfter(Stream.concat(running.values().stream(), stored.values().stream())
                .filter(position -> position < head).distinct().toList());
        add(running, head, now, oldest, samples.lags(), samples.behind());
        add(stored, head, now, oldest, samples.storedLags(), samples.storedBehind());
    }

    private static void add(Map<String, Long> positions, long head, Instant now, Map<Long, Instant> oldest,
                            Map<String, Latencies> lags, Map<String, Latencies> behind) {
        positions.forEach((group, position) -> {
            Instant stored = oldest.get(position);
            lags.get(group).add(position >= head || stored == null ? 0
                    : Math.max(0, Duration.between(stored, now).toNanos()));
            behind.get(group).add(Math.max(0, head - position));
        });
    }

    /** By group, the position of its slowest segment as this node's processor holds it; absent: none claimed. */
    private Map<String, Long> runningPositions() {
        Map<String, Long> positions = new HashMap<>();
        processors.forEach((group, processor) -> processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(0)).min()
                .ifPresent(position -> positions.put(group, position)));
        return positions;
    }

    /**
     * Waits until every group's processor has handled every event up to {@code head}; answers, by group, the
     * nanoseconds from {@code since} until it had (absent: not within {@code patience}).
     */
    Map<String, Long> catchUp(long head, long since, Duration patience) {
        Map<String, Long> caughtUp = new LinkedHashMap<>();
        long deadline = since + patience.toNanos();
        while (caughtUp.size() < groups.size() && System.nanoTime() < deadline) {
            Map<String, Long> positions = runningPositions();
            for (String group : groups) {
                if (!caughtUp.containsKey(group) && positions.getOrDefault(group, Long.MIN_VALUE) >= head) {
                    caughtUp.put(group, System.nanoTime() - since);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return caughtUp;
    }

    /** The head of the event store: its highest global position. */
    long head() {
        try (PreparedStatement query = connection.prepareStatement(HEAD); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** By group (of those sampled), the position of its slowest segment; absent while a group has no tokens. */
    private Map<String, Long> positions() {
        Map<String, Long> positions = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(TOKENS); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String group = rows.getString(1);
                if (groups.contains(group)) {
                    long position = ReplayProgress.position(token(rows.getBytes(2), rows.getString(3)));
                    positions.merge(group, position, Math::min);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return positions;
    }

    private TrackingToken token(byte[] bytes, String type) {
        return bytes == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }

    /** By position, when the first event after it was stored, where there is one. */
    private Map<Long, Instant> storedAfter(List<Long> positions) {
        Map<Long, Instant> stored = new HashMap<>();
        if (positions.isEmpty()) {
            return stored;
        }
        try (PreparedStatement query = connection.prepareStatement(STORED_AFTER)) {
            query.setArray(1, connection.createArrayOf("bigint", positions.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String timeStamp = rows.getString(2);
                    if (timeStamp != null) {
                        stored.put(rows.getLong(1), Instant.parse(timeStamp));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (DateTimeParseException e) { // a row altered by hand: no age for it
            return stored;
        }
        return stored;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
