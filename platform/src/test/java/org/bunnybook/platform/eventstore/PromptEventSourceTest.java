package org.bunnybook.platform.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A commit here reaches the streams of processors a request waits for at once, and the others' within the delay
 * for those no one waits for, or at once when a request starts waiting for their processor.
 */
class PromptEventSourceTest {

    private static final Duration NEVER = Duration.ofHours(1);

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final Set<String> awaited = ConcurrentHashMap.newKeySet();
    private final List<PromptEventSource> sources = new ArrayList<>();
    private int hops;

    @AfterEach
    void shutDown() {
        sources.forEach(PromptEventSource::stop);
        eventStore.shutDown();
    }

    @Test
    void aCommitReachesTheAwaitedProcessorsAtOnceAndTheOthersWithinTheDelay() throws Exception {
        // long enough that both commits and the first look fit in it on a busy machine
        PromptEventSource source = source(Duration.ofSeconds(3));
        awaited.add("walls");
        AtomicInteger wallsTold = told(source, "walls");
        AtomicInteger leaderboardTold = told(source, "leaderboard");

        long committed = System.nanoTime();
        commit();
        commit();
        assertThat(wallsTold.get()).as("the awaited processor's stream, told as each commit ends").isEqualTo(2);
        assertThat(leaderboardTold.get()).as("the other one's, not yet").isZero();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                .until(() -> leaderboardTold.get() > 0);
        assertThat(System.nanoTime() - committed).as("told after the delay")
                .isGreaterThanOrEqualTo(Duration.ofMillis(2_990).toNanos());
        Thread.sleep(400);
        assertThat(leaderboardTold.get()).as("told once of both commits").isEqualTo(1);
    }

    @Test
    void aStreamOwedACommitIsToldOnceARequestWaitsForItsProcessor() throws Exception {
        PromptEventSource source = source(NEVER);
        AtomicInteger wallsTold = told(source, "walls");
        AtomicInteger leaderboardTold = told(source, "leaderboard");

        commit();
        assertThat(wallsTold.get()).as("no one waits for it yet").isZero();
        source.awaited("leaderboard");
        assertThat(leaderboardTold.get()).as("told as a request began to wait for it").isEqualTo(1);
        assertThat(wallsTold.get()).as("still owed its news").isZero();
        source.awaited("walls");
        assertThat(wallsTold.get()).isEqualTo(1);
        source.awaited("walls");
        assertThat(wallsTold.get()).as("told once: nothing more was owed").isEqualTo(1);
    }

    @Test
    void aStreamOfAnUnknownReaderIsToldAtOnceAndAClosedOneNoMore() throws Exception {
        PromptEventSource source = source(NEVER);
        BlockingStream<TrackedEventMessage<?>> unknown = source.openStream(null); // not on a coordinator's thread
        AtomicInteger unknownTold = new AtomicInteger();
        unknown.setOnAvailableCallback(unknownTold::incrementAndGet);
        commit();
        assertThat(unknownTold.get()).isEqualTo(1);
        unknown.close();
        commit();
        assertThat(unknownTold.get()).as("closed").isEqualTo(1);
    }

    @Test
    void aStreamClosedWhileOwedACommitIsNotToldOfIt() throws Exception {
        PromptEventSource source = source(NEVER);
        BlockingStream<TrackedEventMessage<?>> walls = opened(source, "walls");
        AtomicInteger wallsTold = new AtomicInteger();
        walls.setOnAvailableCallback(wallsTold::incrementAndGet);
        commit();
        walls.close();
        source.awaited("walls");
        assertThat(wallsTold.get()).as("closed while owed").isZero();
    }

    @Test
    void withoutADelayEveryStreamIsToldAtOnce() throws Exception {
        PromptEventSource source = source(Duration.ZERO);
        AtomicInteger leaderboardTold = told(source, "leaderboard");
        commit();
        assertThat(leaderboardTold.get()).isEqualTo(1);
    }

    private PromptEventSource source(Duration unawaitedDelay) {
        PromptEventSource source = new PromptEventSource(eventStore, storage, NEVER, name -> Optional.empty(),
                unawaitedDelay, awaited::contains);
        sources.add(source);
        return source;
    }

    /** Opens a stream as the processor's coordinator does, and counts the times it is told. */
    private static AtomicInteger told(PromptEventSource source, String processor) throws Exception {
        AtomicInteger told = new AtomicInteger();
        opened(source, processor).setOnAvailableCallback(told::incrementAndGet);
        return told;
    }

    /** Opens a stream as the processor's coordinator does, on its thread. */
    private static BlockingStream<TrackedEventMessage<?>> opened(PromptEventSource source, String processor)
            throws Exception {
        CompletableFuture<BlockingStream<TrackedEventMessage<?>>> opened = new CompletableFuture<>();
        Thread coordinator = new Thread(() -> opened.complete(source.openStream(null)), "Coordinator[" + processor + "]");
        coordinator.start();
        return opened.get();
    }

    private void commit() {
        eventStore.publish(new GenericDomainEventMessage<>("Bunny", "bunny", hops, "hop " + hops++));
    }
}
