package org.bunnybook.bench;

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
import java.util.concurrent.TimeUnit;

/**
 * How far each processing group is behind the head of the event store, as the token store has it: the position of a
 * group is its slowest segment's token. Its lag is given two ways: how old the oldest event it has not handled is
 * (that event's stored timestamp against the clock of this JVM, which also stamped it), and how many positions it is
 * behind the head. Read on a connection of its own, three queries a sample: under load the application's pool has a
 * queue, and a sample waiting in it would measure the queue (the platform's {@code StoredTokens} reads through the
 * pool, so the tokens are read here as it reads them).
 */
final class LagSampler implements AutoCloseable {

    private static final String HEAD = "SELECT coalesce(max(global_index), 0) FROM " + EventStoreTables.EVENTS;
    private static final String TOKENS = "SELECT processor_name, token, token_type FROM " + EventStoreTables.TOKENS;
    private static final String STORED_AFTER = "SELECT p, (SELECT e.time_stamp FROM " + EventStoreTables.EVENTS
            + " e WHERE e.global_index > p ORDER BY e.global_index LIMIT 1) FROM unnest(?::bigint[]) AS p";

    private final Serializer serializer;
    private final List<String> groups;
    private final Connection connection;

    LagSampler(ConfigurableApplicationContext application, List<String> groups) {
        this.serializer = application.getBean(Serializer.class);
        this.groups = groups;
        Environment environment = application.getEnvironment();
        try {
            this.connection = DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                    environment.getProperty("spring.datasource.username"),
                    environment.getProperty("spring.datasource.password", ""));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Samples running in the background until stopped. */
    interface Sampling {

        /** Stops sampling and answers how long each sample took. */
        Latencies stop();
    }

    /** Every {@code every}, adds each group's lag (nanoseconds) to {@code lags} and positions to {@code behind}. */
    Sampling start(Duration every, Map<String, Latencies> lags, Map<String, Latencies> behind) {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        Latencies took = new Latencies(1024);
        sampler.scheduleAtFixedRate(() -> {
            long started = System.nanoTime();
            try {
                sample(lags, behind);
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

    private void sample(Map<String, Latencies> lags, Map<String, Latencies> behind) {
        long head = head();
        Map<String, Long> positions = positions();
        Instant now = Instant.now();
        Map<Long, Instant> oldest = storedAfter(positions.values().stream().filter(position -> position < head)
                .distinct().toList());
        positions.forEach((group, position) -> {
            Instant stored = oldest.get(position);
            lags.get(group).add(position >= head || stored == null ? 0
                    : Math.max(0, Duration.between(stored, now).toNanos()));
            behind.get(group).add(Math.max(0, head - position));
        });
    }

    /**
     * Waits until every group has handled every event up to {@code head}; answers, by group, the nanoseconds from
     * {@code since} until it had (absent: not within {@code patience}).
     */
    Map<String, Long> catchUp(long head, long since, Duration patience) {
        Map<String, Long> caughtUp = new LinkedHashMap<>();
        long deadline = since + patience.toNanos();
        while (caughtUp.size() < groups.size() && System.nanoTime() < deadline) {
            Map<String, Long> positions = positions();
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
