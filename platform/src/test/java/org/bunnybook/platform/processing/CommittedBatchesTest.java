package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A request waiting for several read models wakes when any of them commits a batch on this node, and only then. */
class CommittedBatchesTest {

    private final CommittedBatches batches = new CommittedBatches();

    @Test
    void aBatchIsCountedOnceAfterItCommitsHoweverManyEventsItHolds() {
        Map<String, Long> before = batches.counts(List.of("walls"));

        commitBatch("walls", 3);

        assertThat(batches.counts(List.of("walls"))).containsEntry("walls", before.get("walls") + 1);
    }

    @Test
    void aWaitForSeveralGroupsEndsWithABatchOfAnyOfThem() throws Exception {
        Map<String, Long> seen = batches.counts(List.of("walls", "feed-cache"));
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Duration> waited = CompletableFuture.supplyAsync(() -> {
            waiting.countDown();
            return timed(() -> batches.awaitAny(seen, Duration.ofSeconds(30)));
        });
        waiting.await();

        commitBatch("feed-cache", 1);

        assertThat(waited.get(10, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void batchesOfAnotherGroupDoNotEndTheWait() throws Exception {
        Map<String, Long> seen = batches.counts(List.of("walls"));
        CompletableFuture<Duration> waited = CompletableFuture.supplyAsync(
                () -> timed(() -> batches.awaitAny(seen, Duration.ofMillis(500))));

        // committed all through the wait, so that some come while the waiter is parked
        while (!waited.isDone()) {
            commitBatch("notifications", 1);
            Thread.sleep(10);
        }

        assertThat(waited.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aBatchCommittedBeforeTheWaitEndsItAtOnce() {
        Map<String, Long> seen = batches.counts(List.of("walls"));
        commitBatch("walls", 1);

        assertThat(timed(() -> batches.awaitAny(seen, Duration.ofSeconds(30)))).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void listenersHearEachCommittedBatchOfEveryGroupOnce() {
        List<String> heard = new CopyOnWriteArrayList<>();
        batches.onEachCommit(heard::add);

        commitBatch("walls", 3);
        commitBatch("walls.rebuild", 2);
        rolledBackBatch("walls");

        assertThat(heard).containsExactly("walls", "walls.rebuild");
    }

    @Test
    void anInterruptedWaitSaysSo() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> batches.awaitAny(batches.counts(List.of("walls")), Duration.ofSeconds(30)))
                .isInstanceOf(InterruptedException.class);
    }

    /** A processor's batch of {@code events}, run through the counting interceptor as a segment runs it. */
    private void commitBatch(String group, int events) {
        var counting = batches.countingFor(group);
        List<EventMessage<?>> messages = IntStream.range(0, events)
                .<EventMessage<?>>mapToObj(GenericEventMessage::asEventMessage).toList();
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        batch.executeWithResult(() -> counting.handle(batch, () -> null));
    }

    /** A batch whose handling fails: it rolls back, and nothing is told. */
    private void rolledBackBatch(String group) {
        var counting = batches.countingFor(group);
        BatchingUnitOfWork<EventMessage<?>> batch =
                new BatchingUnitOfWork<>(List.of(GenericEventMessage.asEventMessage("rotten carrot")));
        batch.executeWithResult(() -> counting.handle(batch, () -> {
            throw new IllegalStateException("the handler failed");
        }));
    }

    private interface Wait {
        void run() throws InterruptedException;
    }

    private static Duration timed(Wait wait) {
        long started = System.nanoTime();
        try {
            wait.run();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
