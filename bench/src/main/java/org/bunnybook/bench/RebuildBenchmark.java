package org.bunnybook.bench;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * How fast the walls projection is rebuilt: a generated history of post events ({@link GeneratedWallHistory}) is
 * replayed by the walls processor alone, and its rate in events per second is compared with a raw sequential read of
 * the event table in the same run, the most any replay could reach on this machine and database.
 */
final class RebuildBenchmark {

    private final ConfigurableApplicationContext application;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final int events;

    RebuildBenchmark(ConfigurableApplicationContext application, int events) {
        this.application = application;
        this.dataSource = application.getBean(DataSource.class);
        this.jdbc = application.getBean(JdbcClient.class);
        this.serializer = application.getBean("eventSerializer", Serializer.class);
        this.events = events;
    }

    private record Rate(long events, double seconds) {
        double perSecond() {
            return events / seconds;
        }
    }

    void run() {
        EventProcessingConfiguration processing = application.getBean(EventProcessingConfiguration.class);
        // no read model may handle the generated history or take the CPU while it is written and while walls replays
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        long started = System.nanoTime();
        GeneratedWallHistory.Totals totals = new GeneratedWallHistory(serializer).write(dataSource, events);
        // hint bits and statistics now, or the first reader after the bulk write would pay for them
        jdbc.sql("VACUUM ANALYZE " + EventStoreTables.EVENTS).update();
        System.out.printf("Generated %,d post events (%,d posts created, %,d deleted) and stored them in %.1f s%n",
                events, totals.created(), totals.deleted(), (System.nanoTime() - started) / 1e9);

        read(false); // warms the caches up for every pass alike
        Rate rawBefore = read(false);
        Rate deserialized = read(true);
        StreamingEventProcessor walls = processing
                .eventProcessor(ReadModels.WALLS, StreamingEventProcessor.class).orElseThrow();
        Rate rebuild = rebuild(walls, rawBefore.events());
        Rate rawAfter = read(false);
        Rate raw = new Rate(rawBefore.events() + rawAfter.events(), rawBefore.seconds() + rawAfter.seconds());

        System.out.printf("%nAll %,d events of the event table, read and replayed (raw read = both raw passes):%n",
                rawBefore.events());
        System.out.printf("%-36s %10s %12s %18s%n", "pass", "seconds", "events/s", "ratio to raw read");
        report("raw sequential read, before", rawBefore, raw);
        report("read, payloads deserialized", deserialized, raw);
        report("walls rebuild (reset + replay)", rebuild, raw);
        report("raw sequential read, after", rawAfter, raw);
        System.out.printf("walls processor: %d segments, batch size %s (bunnybook.processors.*)%n",
                walls.processingStatus().size(),
                application.getEnvironment().getProperty("bunnybook.processors.batch-size"));
        checkReadModel(totals);
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

    /** Walls starts over from the first event and is timed until every segment has handled the last one. */
    private Rate rebuild(StreamingEventProcessor walls, long events) {
        long head = application.getBean(EventStore.class).createHeadToken().position().orElseThrow();
        long started = System.nanoTime();
        walls.resetTokens();
        walls.start();
        long reported = started;
        while (true) {
            Collection<EventTrackerStatus> segments = walls.processingStatus().values();
            if (segments.stream().anyMatch(EventTrackerStatus::isErrorState)) {
                throw new IllegalStateException("walls failed during the replay: " + walls.processingStatus());
            }
            // a segment counts as replaying until an event newer than the reset arrives: the end is the head reached
            if (!segments.isEmpty() && segments.stream().allMatch(segment -> segment.isCaughtUp()
                    && segment.getCurrentPosition().orElse(-1) >= head)) {
                return new Rate(events, (System.nanoTime() - started) / 1e9);
            }
            if (System.nanoTime() - reported > 30e9) {
                reported = System.nanoTime();
                System.out.printf("  walls replaying, at event %,d of %,d after %.0f s%n", segments.stream()
                        .mapToLong(segment -> segment.getCurrentPosition().orElse(0)).min().orElse(0), head,
                        (reported - started) / 1e9);
            }
            pause();
        }
    }

    /** A fast rebuild that builds something else means nothing: the read model must match the generated history. */
    private void checkReadModel(GeneratedWallHistory.Totals expected) {
        long posts = count("SELECT count(*) FROM posts");
        long comments = count("SELECT count(*) FROM comments");
        long likes = count("SELECT count(*) FROM post_likes");
        long commentsCounted = count("SELECT coalesce(sum(comments_count), 0) FROM posts");
        long likesCounted = count("SELECT coalesce(sum(likes_count), 0) FROM posts");
        System.out.printf("%nwalls read model: %,d posts (%,d PostCreated - %,d PostDeleted), %,d comments, %,d likes%n",
                posts, expected.created(), expected.deleted(), comments, likes);
        List<Long> found = List.of(posts, comments, likes, commentsCounted, likesCounted);
        List<Long> wanted = List.of(expected.created() - expected.deleted(), expected.comments(), expected.likes(),
                expected.comments(), expected.likes());
        if (!found.equals(wanted)) {
            throw new IllegalStateException("posts, comments, likes, comments counted, likes counted: expected "
                    + wanted + ", found " + found);
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static void report(String pass, Rate rate, Rate raw) {
        System.out.printf("%-36s %10.1f %,12.0f %18.4f%n", pass, rate.seconds(), rate.perSecond(),
                rate.perSecond() / raw.perSecond());
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
