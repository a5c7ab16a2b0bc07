package org.bunnybook.bench;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bunnybook.api.ReadModels;
import org.bunnybook.bench.ReadModelDigests.Digest;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.projection.ProjectionRebuilds;
import org.bunnybook.platform.projection.ProjectionStatus;
import org.bunnybook.platform.projection.ProjectionStatuses;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How fast every read model that can be rebuilt is rebuilt, and whether the rebuild builds the same model.
 * <ol>
 * <li>The rebuildable groups handle a first part of a generated history ({@link GeneratedHistory}) live, as it
 *     arrives, and each model's content is taken down ({@link ReadModelDigests}).</li>
 * <li>Each group is rebuilt over that part alone, requested as an admin would, and its content must equal the live
 *     one: a group that owns its tables beside the live model (its rebuild's own processor and batch size, then the
 *     switch), any other in place (reset, replay). Either way the group is at the head when asked, as a live group
 *     is, so the whole history is replayed.</li>
 * <li>The history grows to its full size, and each group is rebuilt over all of it, alone, timed, and compared with a
 *     raw sequential read of the event table in the same run: the most any replay could reach on this machine.</li>
 * </ol>
 * The live build is kept smaller than the timed one: every group handling a million events live, all at once, would
 * take far longer than the rebuilds measured, and what it proves (replay and live handling agree) does not need them.
 */
final class RebuildBenchmark {

    /** Far longer than any group takes over a few million events here; beyond, the rebuild is stuck. */
    private static final Duration REBUILD_PATIENCE = Duration.ofMinutes(30);

    private final ConfigurableApplicationContext application;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final EventProcessingConfiguration processing;
    private final ReadModelDigests digests;
    private final int events;
    private final int liveEvents;
    /** The groups built live, checked and timed: every rebuildable one unless named ({@code --groups=a,b}). */
    private final List<String> groups;
    /** The groups the application rebuilds beside their live model (they declare a copy of it). */
    private final Set<String> besideLive;

    RebuildBenchmark(ConfigurableApplicationContext application, int events, int liveEvents, String groups) {
        this.application = application;
        this.dataSource = application.getBean(DataSource.class);
        this.jdbc = application.getBean(JdbcClient.class);
        this.serializer = application.getBean("eventSerializer", Serializer.class);
        this.processing = application.getBean(EventProcessingConfiguration.class);
        this.digests = new ReadModelDigests(jdbc, application.getBean(Neo4jClient.class),
                application.getBean(StringRedisTemplate.class));
        this.events = events;
        this.liveEvents = Math.min(liveEvents, events);
        this.groups = groups.isBlank() ? ReadModelDigests.REBUILDABLE : List.of(groups.split(","));
        ProjectionStatuses statuses = application.getBean(ProjectionStatuses.class);
        this.besideLive = this.groups.stream()
                .filter(group -> statuses.of(group).map(ProjectionStatus::besideLive).orElse(false))
                .collect(Collectors.toUnmodifiableSet());
    }

    private record Rate(long events, double seconds) {
        double perSecond() {
            return events / seconds;
        }
    }

    void run() {
        // no other processor (the ledger, processes that send commands) may handle the generated history
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        GeneratedHistory history = new GeneratedHistory(serializer);
        Map<String, Boolean> equal = checkAgainstLiveModels(history);

        long started = System.nanoTime();
        history.write(dataSource, events - liveEvents);
        // hint bits and statistics now, or the first reader after the bulk write would pay for them
        jdbc.sql("VACUUM ANALYZE " + EventStoreTables.EVENTS).update();
        System.out.printf("%nGenerated %,d more events in %.1f s; the whole history: %s%n", events - liveEvents,
                (System.nanoTime() - started) / 1e9, history.counts());

        read(false); // warms the caches up for every pass alike
        Rate rawBefore = read(false);
        Rate deserialized = read(true);
        Map<String, Rate> rebuilds = new LinkedHashMap<>();
        for (String group : groups) {
            rebuilds.put(group, rebuild(group));
            System.out.printf("  %s rebuilt in %.1f s%n", group, rebuilds.get(group).seconds());
        }
        Rate rawAfter = read(false);
        Rate raw = new Rate(rawBefore.events() + rawAfter.events(), rawBefore.seconds() + rawAfter.seconds());

        System.out.printf("%nEvery group rebuilt alone over all %,d events (raw read = both raw passes, "
                + "%,.0f events/s; %d segments; batches of %s events in place, %s beside the live model):%n",
                rawBefore.events(), raw.perSecond(), segmentsOf(ReadModels.WALLS),
                application.getEnvironment().getProperty("bunnybook.processors.batch-size"),
                application.getEnvironment().getProperty("bunnybook.projections.rebuild-batch-size"));
        System.out.printf("%-30s %10s %9s %10s %8s %7s %-14s%n", "group", "events", "seconds", "events/s", "ratio",
                "target", "rebuilt = live");
        report("raw sequential read, before", rawBefore, raw, "", "");
        report("read, payloads deserialized", deserialized, raw, "", "");
        rebuilds.forEach((group, rate) -> report(
                group + (besideLive.contains(group) ? ", beside live" : ", in place"), rate, raw,
                group.equals(ReadModels.WALLS) ? "0.2" : "0.1", equal.get(group) ? "yes" : "NO"));
        report("raw sequential read, after", rawAfter, raw, "", "");
        if (equal.containsValue(false)) {
            throw new IllegalStateException("a rebuilt read model differs from the one built live: " + equal);
        }
    }

    /** Builds every model live from the first events, rebuilds each, and tells which came out the same. */
    private Map<String, Boolean> checkAgainstLiveModels(GeneratedHistory history) {
        long started = System.nanoTime();
        groups.forEach(group -> processor(group).start());
        history.write(dataSource, liveEvents);
        awaitHead(groups);
        groups.forEach(group -> processor(group).shutDown());
        System.out.printf("%n%,d events handled live by every rebuildable group in %.1f s: %s%n", liveEvents,
                (System.nanoTime() - started) / 1e9, history.counts());
        Map<String, Boolean> equal = new LinkedHashMap<>();
        for (String group : groups) {
            Digest live = digests.of(group);
            rebuild(group);
            Digest rebuilt = digests.of(group);
            equal.put(group, live.equals(rebuilt) && live.items() > 0);
            System.out.printf("  %-14s live: %s; rebuilt: %s%s%n", group, live, rebuilt,
                    equal.get(group) ? "" : "  <-- DIFFERENT (or empty)");
        }
        return equal;
    }

    /** Streams every row with a cursor and touches every column's bytes, as any reader of the history must. */
    private Rate read(boolean deserialize) {
        long started = System.nanoTime();
        long rows = 0;
        long bytes = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // else PostgreSQL sends the whole result at once, not by fetch size
            try (PreparedStatement select = connection.prepareStatement(EventStoreTables.ALL_EVENTS_IN_ORDER)) {
                select.setFetchSize(1000);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        rows++;
                        for (int column = 1; column <= 10; column++) {
                            byte[] value = row.getBytes(column); // type, revision, metadata may be null
                            bytes += value == null ? 0 : value.length;
                        }
                        if (deserialize) {
                            serializer.deserialize(new SimpleSerializedObject<>(row.getBytes("payload"),
                                    byte[].class, row.getString("payload_type"), row.getString("payload_revision")));
                        }
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event table", e);
        }
        if (bytes == 0) {
            throw new IllegalStateException("the event table is empty");
        }
        return new Rate(rows, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Rebuilds the group as an admin asks the application to, timed from the request until the rebuilt model is live
     * and the group's processor has handled the last event; then stops it.
     */
    private Rate rebuild(String group) {
        StreamingEventProcessor live = processor(group);
        if (!besideLive.contains(group)) {
            // where a live group stands when its rebuild is asked for: at the head, so that its reset replays the
            // whole history (its model, emptied here, is emptied by the rebuild's reset all the same). Left where it
            // was stopped while the history grew, it would replay only that far and handle the rest as new events.
            live.resetTokens(StreamableMessageSource::createHeadToken);
        }
        live.start();
        awaitHead(List.of(group)); // untimed: a group beside whose model copies are built is live at the head
        Rate rate = rebuildAsAnAdminAsks(group);
        long parked = count("SELECT count(*) FROM " + EventStoreTables.DEAD_LETTERS);
        if (parked > 0) {
            throw new IllegalStateException(parked + " events parked while rebuilding " + group);
        }
        return rate;
    }

    /**
     * A rebuild requested as an admin would, timed until the application has finished it (in place: replayed; beside
     * the live model: the copies switched in) and the group's processor is at the head.
     */
    private Rate rebuildAsAnAdminAsks(String group) {
        StreamingEventProcessor live = processor(group);
        long started = System.nanoTime();
        application.getBean(ProjectionRebuilds.class).request(group, "rebuild benchmark");
        long reported = started;
        for (String state = latestRebuildState(group); !state.equals("FINISHED"); state = latestRebuildState(group)) {
            if (state.equals("CANCELLED") || System.nanoTime() - started > REBUILD_PATIENCE.toNanos()) {
                // a node that fails its part only logs it and tries again at its next poll
                throw new IllegalStateException("the rebuild of " + group + " is " + state + " after "
                        + (System.nanoTime() - started) / 1_000_000_000 + " s; see the log for why");
            }
            if (System.nanoTime() - reported > 30e9) {
                reported = System.nanoTime();
                System.out.printf("  %s %s after %.0f s%n", group, state.toLowerCase(), (reported - started) / 1e9);
            }
            Quiet.pause(20);
        }
        awaitHead(List.of(group));
        Rate rate = new Rate(count("SELECT count(*) FROM " + EventStoreTables.EVENTS),
                (System.nanoTime() - started) / 1e9);
        // Nodes start a group's live processor for a minute after its rebuild (one may have stopped it while
        // another finished): dated back, the rebuild is left alone, and the group stays stopped while the history
        // grows and the other groups are timed. Two polls' time lets a poll that read it before finish.
        jdbc.sql("UPDATE projection_rebuilds SET finished_at = finished_at - interval '1 hour' "
                + "WHERE processing_group = :group").param("group", group).update();
        Quiet.pause(2 * application.getEnvironment().getProperty("bunnybook.projections.rebuild-poll-interval",
                Duration.class, Duration.ofMillis(500)).toMillis());
        live.shutDown();
        return rate;
    }

    private String latestRebuildState(String group) {
        return jdbc.sql("SELECT state FROM projection_rebuilds WHERE processing_group = :group "
                + "ORDER BY rebuild_id DESC LIMIT 1").param("group", group).query(String.class).single();
    }

    /** Waits until every segment of these groups has handled the newest event of the store. */
    private void awaitHead(Collection<String> groups) {
        long head = application.getBean(EventStore.class).createHeadToken().position().orElseThrow();
        long started = System.nanoTime();
        long reported = started;
        List<String> behind = new ArrayList<>(groups);
        while (!behind.isEmpty()) {
            behind.removeIf(group -> {
                // a segment in error (a batch that collided with the other segment's) is tried again by Axon; an
                // event a handler fails on is parked, and a rebuild that parked anything fails below
                Collection<EventTrackerStatus> segments = processor(group).processingStatus().values();
                // every segment, not only those claimed now (an aborted batch releases its segment for a while); a
                // segment counts as replaying until an event newer than the reset arrives: the end is the head
                return segments.size() == segmentsOf(group) && segments.stream().allMatch(segment ->
                        segment.isCaughtUp() && segment.getCurrentPosition().orElse(-1) >= head);
            });
            if (System.nanoTime() - reported > 30e9) {
                reported = System.nanoTime();
                System.out.printf("  %s at event %,d of %,d after %.0f s%n", behind, behind.stream()
                        .flatMap(group -> processor(group).processingStatus().values().stream())
                        .mapToLong(segment -> segment.getCurrentPosition().orElse(0)).min().orElse(0), head,
                        (reported - started) / 1e9);
            }
            Quiet.pause(20);
        }
    }

    private long segmentsOf(String group) {
        return jdbc.sql("SELECT count(*) FROM " + EventStoreTables.TOKENS + " WHERE processor_name = :group")
                .param("group", group).query(Long.class).single();
    }

    private StreamingEventProcessor processor(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static void report(String pass, Rate rate, Rate raw, String target, String equal) {
        System.out.printf("%-30s %,10d %9.1f %,10.0f %8.4f %7s %-14s%n", pass, rate.events(), rate.seconds(),
                rate.perSecond(), rate.perSecond() / raw.perSecond(), target, equal);
    }
}
