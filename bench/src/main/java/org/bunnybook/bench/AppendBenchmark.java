package org.bunnybook.bench;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bunnybook.api.account.RegisterAccount;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.api.chat.PostMessage;
import org.bunnybook.api.friendship.AcceptFriendRequest;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.api.friendship.SendFriendRequest;
import org.bunnybook.api.post.CreatePost;
import org.bunnybook.api.post.Privacy;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * How fast single-event commands are appended, next to the most the database could take in the same run: at 1, 8
 * and 32 concurrent writers, each writer alternately writes a post on its own wall ({@code CreatePost}: a new
 * aggregate) and a message in its own conversation ({@code PostMessage}: an aggregate with a growing history), each
 * sent and awaited through the command gateway, as the web module sends them. The baseline inserts rows of the same
 * size (copies of stored events' rows) into a table shaped and indexed like the event table, one commit each, from
 * as many connections, in the same database with the same durability settings. The commands run twice: with the
 * read models running, as they do in production and competing for the same 2 cores, and with every processor paused
 * (the append path alone; they catch up before the next phase). The machine is let settle between phases.
 */
final class AppendBenchmark {

    private static final int[] WRITERS = {1, 8, 32};
    private static final String NO_PASSWORD = "$2a$10$benchmarkbenchmarkbenchmarkbenchmarkbenchmarkbenchmark";

    private final ConfigurableApplicationContext application;
    private final CommandGateway commands;
    private final JdbcClient jdbc;
    private final Duration phase;
    private final List<Writer> writers = new ArrayList<>();

    AppendBenchmark(ConfigurableApplicationContext application, Duration phase) {
        this.application = application;
        this.commands = application.getBean(CommandGateway.class);
        this.jdbc = application.getBean(JdbcClient.class);
        this.phase = phase;
    }

    /** One writer: a member, their friend, and the two's conversation. */
    private record Writer(UUID member, String username, UUID chat) {
    }

    void run() {
        prepareWriters();
        try (RawInserts raw = new RawInserts(application)) {
            measure(raw);
        }
    }

    private void measure(RawInserts baseline) {
        System.out.printf("%nSingle-event commands appended, %d s per phase, durability as configured (fsync %s, "
                        + "synchronous_commit %s); with the read models running as in production, and paused (the "
                        + "append path alone; they catch up before the next phase):%n", phase.toSeconds(),
                setting("fsync"), setting("synchronous_commit"));
        System.out.printf("%-8s %10s %18s %10s %18s %14s %18s %8s %8s%n", "writers", "events/s", "command p50/p99",
                "paused", "paused p50/p99", "raw inserts/s", "insert p50/p99", "ratio", "paused");
        for (int count : WRITERS) {
            Quiet.untilProjected(application);
            Phase raw = baseline.run(count, phase);
            Quiet.untilProjected(application);
            Appended running = appended(count);
            Quiet.untilProjected(application);
            Appended paused = withReadModelsPaused(() -> appended(count));
            System.out.printf("%-8d %10.0f %18s %10.0f %18s %14.0f %18s %8.3f %8.3f%n", count,
                    running.eventsPerSecond(), running.commands().percentiles(), paused.eventsPerSecond(),
                    paused.commands().percentiles(), raw.perSecond(), raw.percentiles(),
                    running.eventsPerSecond() / raw.perSecond(), paused.eventsPerSecond() / raw.perSecond());
        }
    }

    /** One phase of commands, and the events they appended per second (counted at the store's head). */
    private record Appended(Phase commands, double eventsPerSecond) {
    }

    private Appended appended(int count) {
        long headBefore = head();
        Phase commands = commands(count);
        return new Appended(commands, (head() - headBefore) / (double) phase.toNanos() * 1e9);
    }

    private Appended withReadModelsPaused(Supplier<Appended> measurement) {
        List<StreamingEventProcessor> processors = application.getBean(EventProcessingConfiguration.class)
                .eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .toList();
        processors.forEach(StreamingEventProcessor::shutDown);
        try {
            return measurement.get();
        } finally {
            processors.forEach(StreamingEventProcessor::start);
        }
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
        return Phase.measure(count, phase, index -> {
            Writer writer = writers.get(index);
            long[] sent = {0};
            return () -> sendOne(writer, sent[0]++);
        });
    }

    private long head() {
        return application.getBean(EventStore.class).createHeadToken().position().orElse(0);
    }

    private String setting(String name) {
        return jdbc.sql("SELECT current_setting(:name)").param("name", name).query(String.class).single();
    }
}
