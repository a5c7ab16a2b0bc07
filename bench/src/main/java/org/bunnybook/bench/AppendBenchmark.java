package org.bunnybook.bench;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bunnybook.api.account.RegisterAccount;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.api.chat.PostMessage;
import org.bunnybook.api.friendship.AcceptFriendRequest;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.api.friendship.SendFriendRequest;
import org.bunnybook.api.post.CreatePost;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.eventstore.StoredEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * How fast single-event commands are appended, next to the most the database could take in the same run: at 1, 8
 * and 32 concurrent writers, each writer alternately writes a post on its own wall ({@code CreatePost}: a new
 * aggregate) and a message in its own conversation ({@code PostMessage}: an aggregate with a growing history), each
 * sent and awaited through the command gateway, as the web module sends them. The baseline inserts rows of the same
 * size (copies of stored events' rows) into a table shaped and indexed like the event table, one commit each, from
 * as many connections, in the same database with the same durability settings. The read models keep running, as
 * they do in production; the machine is let settle between phases.
 */
final class AppendBenchmark {

    private static final int[] WRITERS = {1, 8, 32};
    private static final String NO_PASSWORD = "$2a$10$benchmarkbenchmarkbenchmarkbenchmarkbenchmarkbenchmark";
    private static final String RAW_TABLE = "bench_raw_events";

    private final ConfigurableApplicationContext application;
    private final CommandGateway commands;
    private final JdbcClient jdbc;
    private final Environment environment;
    private final Duration phase;
    private final List<Writer> writers = new ArrayList<>();

    AppendBenchmark(ConfigurableApplicationContext application, Duration phase) {
        this.application = application;
        this.commands = application.getBean(CommandGateway.class);
        this.jdbc = application.getBean(JdbcClient.class);
        this.environment = application.getEnvironment();
        this.phase = phase;
    }

    /** One writer: a member, their friend, and the two's conversation. */
    private record Writer(UUID member, String username, UUID chat) {
    }

    void run() {
        prepareWriters();
        prepareRawTable();
        System.out.printf("%nSingle-event commands appended, %d s per phase, durability as configured (fsync %s, "
                        + "synchronous_commit %s):%n", phase.toSeconds(), setting("fsync"),
                setting("synchronous_commit"));
        System.out.printf("%-8s %12s %10s %18s %14s %10s %18s%n", "writers", "commands/s", "events/s",
                "command p50/p99", "raw inserts/s", "ratio", "insert p50/p99");
        for (int count : WRITERS) {
            Quiet.untilProjected(application);
            Phase raw = rawInserts(count);
            Quiet.untilProjected(application);
            long headBefore = head();
            Phase commands = commands(count);
            double eventsPerSecond = (head() - headBefore) / (double) phase.toNanos() * 1e9;
            System.out.printf("%-8d %12.0f %10.0f %18s %14.0f %10.3f %18s%n", count, commands.perSecond(),
                    eventsPerSecond, commands.percentiles(), raw.perSecond(), eventsPerSecond / raw.perSecond(),
                    raw.percentiles());
        }
        jdbc.sql("DROP TABLE " + RAW_TABLE).update();
    }

    /** As many pairs of friends as the most writers, each pair's conversation opened by the application itself. */
    private void prepareWriters() {
        int most = WRITERS[WRITERS.length - 1];
        for (int i = 0; i < most; i++) {
            UUID member = UUID.randomUUID();
            UUID friend = UUID.randomUUID();
            register(member, "appender" + i);
            register(friend, "appendfriend" + i);
            String friendship = FriendshipId.of(member, friend);
            commands.sendAndWait(new SendFriendRequest(friendship, member, "appender" + i, friend,
                    "appendfriend" + i));
            commands.sendAndWait(new AcceptFriendRequest(friendship, friend));
            writers.add(new Writer(member, "appender" + i, ChatGroupId.of(member, friend)));
        }
        for (Writer writer : writers) { // the conversation opens asynchronously, once the acceptance is handled
            Quiet.until(Duration.ofSeconds(60), () -> {
                try {
                    sendOne(writer, 0);
                    return true;
                } catch (RuntimeException notOpenYet) { // the conversation does not exist yet
                    return false;
                }
            });
        }
        sendOne(writers.get(0), 1); // a post too: the baseline copies stored rows of both kinds
    }

    private void register(UUID member, String username) {
        commands.sendAndWait(new RegisterAccount(member, username, username + "@append.bench", NO_PASSWORD,
                username));
    }

    private void sendOne(Writer writer, long sequence) {
        if (sequence % 2 == 0) {
            commands.sendAndWait(new PostMessage(writer.chat(), UUID.randomUUID(), writer.member(),
                    writer.username(), "message " + sequence + " of the append benchmark", null));
        } else {
            commands.sendAndWait(new CreatePost(UUID.randomUUID(), writer.member(), writer.username(),
                    writer.member(), "post " + sequence + " of the append benchmark", Privacy.PUBLIC));
        }
    }

    private Phase commands(int count) {
        return measure(count, index -> {
            Writer writer = writers.get(index);
            long[] sent = {0};
            return () -> sendOne(writer, sent[0]++);
        });
    }

    /**
     * An empty copy of the event table with its indexes, and no default taken from the event store's sequence (the
     * store's global positions must not skip). It receives copies of stored posts' and messages' rows.
     */
    private void prepareRawTable() {
        jdbc.sql("DROP TABLE IF EXISTS " + RAW_TABLE).update();
        jdbc.sql("CREATE TABLE " + RAW_TABLE + " (LIKE " + EventStoreTables.EVENTS + " INCLUDING INDEXES)").update();
        jdbc.sql("CREATE SEQUENCE IF NOT EXISTS " + RAW_TABLE + "_positions").update();
        jdbc.sql("ALTER TABLE " + RAW_TABLE + " ALTER COLUMN global_index SET DEFAULT nextval('" + RAW_TABLE
                + "_positions')").update();
    }

    private Phase rawInserts(int count) {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                // connections of its own, beside the application's pool, which the application keeps using
                Connection connection = DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                        environment.getProperty("spring.datasource.username"),
                        environment.getProperty("spring.datasource.password", ""));
                connection.setAutoCommit(true); // one commit per row, as one command is one commit
                connections.add(connection);
            }
            String insertRow = """
                    INSERT INTO %s (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,
                                    payload_revision, payload_type, time_stamp)
                    VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)""".formatted(RAW_TABLE);
            List<SampleRow> samples = List.of(sample("PostCreated"), sample("MessagePosted"));
            return measure(count, index -> {
                PreparedStatement insert = prepare(connections.get(index), insertRow);
                long[] sent = {0};
                return () -> {
                    SampleRow row = samples.get((int) (sent[0]++ % 2));
                    try {
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, row.aggregateType());
                        insert.setString(3, UUID.randomUUID().toString());
                        insert.setBytes(4, row.metaData());
                        insert.setBytes(5, row.payload());
                        insert.setString(6, row.payloadRevision());
                        insert.setString(7, row.payloadType());
                        insert.setString(8, row.timeStamp());
                        insert.executeUpdate();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                };
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            connections.forEach(AppendBenchmark::close);
        }
    }

    /** The columns of a stored event of this type, written again by the baseline with fresh identifiers. */
    private record SampleRow(String aggregateType, byte[] metaData, byte[] payload, String payloadRevision,
                             String payloadType, String timeStamp) {
    }

    private SampleRow sample(String eventType) {
        StoredEvent stored = application.getBean(EventStoreTables.class).newestOfType(eventType).orElseThrow();
        return new SampleRow(stored.aggregateType(), stored.metaData(), stored.payload(), stored.payloadRevision(),
                stored.payloadType(), stored.timeStamp());
    }

    /** How many things a phase did per second, and how long each took. */
    private record Phase(double perSecond, Latencies latencies) {

        String percentiles() {
            return "%.1f / %.1f ms".formatted(latencies.percentileMillis(50), latencies.percentileMillis(99));
        }
    }

    /** Runs {@code count} writers for one phase, each doing its one thing again and again, each time timed. */
    private Phase measure(int count, IntFunction<Runnable> writerNumber) {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        long deadline = System.nanoTime() + phase.toNanos();
        try {
            List<CompletableFuture<Latencies>> running = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Runnable one = writerNumber.apply(i);
                running.add(CompletableFuture.supplyAsync(() -> {
                    Latencies latencies = new Latencies(1024);
                    while (System.nanoTime() < deadline) {
                        latencies.time(one);
                    }
                    return latencies;
                }, pool));
            }
            Latencies all = Latencies.merged(running.stream().map(CompletableFuture::join).toList());
            return new Phase(all.count() / (double) phase.toNanos() * 1e9, all);
        } finally {
            pool.shutdownNow();
        }
    }

    private long head() {
        return application.getBean(EventStore.class).createHeadToken().position().orElse(0);
    }

    private String setting(String name) {
        return jdbc.sql("SELECT current_setting(:name)").param("name", name).query(String.class).single();
    }

    private static PreparedStatement prepare(Connection connection, String sql) {
        try {
            return connection.prepareStatement(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
