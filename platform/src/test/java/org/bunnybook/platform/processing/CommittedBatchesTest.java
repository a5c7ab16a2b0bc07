package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A request waiting for several read models wakes when any of them commits a batch on this node, and only then, and
 * finds which of its events those batches handled.
 */
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
    void aWatchKnowsWhichGroupsCommittedABatchHandlingItsEvents() {
        EventMessage<?> mine = GenericEventMessage.asEventMessage("my post");
        EventMessage<?> theirs = GenericEventMessage.asEventMessage("their post");
        try (CommittedBatches.Watch watch = batches.watch()) {
            watch.add(List.of(mine.getIdentifier()));

            commitBatch("walls", List.of(theirs, mine));
            rolledBackBatch("feed-cache", List.of(mine));

            assertThat(watch.committed("walls", mine.getIdentifier())).isTrue();
            assertThat(watch.committed("feed-cache", mine.getIdentifier())).as("rolled back").isFalse();
            assertThat(watch.committed("walls", theirs.getIdentifier())).as("not watched").isFalse();
        }
    }

    @Test
    void aBatchsWatchedEventsAreMarkedBeforeTheBatchIsCounted() throws Exception {
        List<EventMessage<?>> posts = IntStream.range(0, 2_000)
                .<EventMessage<?>>mapToObj(i -> GenericEventMessage.asEventMessage("post " + i)).toList();
        try (CommittedBatches.Watch watch = batches.watch()) {
            watch.add(posts.stream().map(EventMessage::getIdentifier).toList());
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger looked = new AtomicInteger();
            ExecutorService waiter = Executors.newSingleThreadExecutor();
            // a waiter looks at the watch once the count moved: every batch counted must have its event marked
            CompletableFuture<List<Integer>> unmarked = CompletableFuture.supplyAsync(() -> {
                List<Integer> missed = new ArrayList<>();
                int counted = 0;
                while (!done.get()) {
                    int now = batches.counts(List.of("walls")).get("walls").intValue();
                    for (int i = counted; i < now; i++) {
                        if (!watch.committed("walls", posts.get(i).getIdentifier())) {
                            missed.add(i);
                        }
                    }
                    counted = now;
                    looked.set(counted);
                }
                return missed;
            }, waiter);

            try {
                for (int i = 0; i < posts.size(); i++) {
                    commitBatch("walls", List.of(posts.get(i)));
                    if (i % 250 == 0) { // the waiter looks while batches are still being committed
                        int committed = i + 1;
                        await().atMost(Duration.ofSeconds(10)).until(() -> looked.get() >= committed);
                    }
                }
            } finally {
                done.set(true);
                waiter.shutdown();
            }

            assertThat(unmarked.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(watch.committed("walls", posts.get(posts.size() - 1).getIdentifier())).isTrue();
        }
    }

    @Test
    void aForgottenEventIsNoLongerWatched() {
        EventMessage<?> phantom = GenericEventMessage.asEventMessage("never stored");
        try (CommittedBatches.Watch watch = batches.watch()) {
            watch.add(List.of(phantom.getIdentifier()));
            watch.forget(List.of(phantom.getIdentifier()));

            commitBatch("walls", List.of(phantom));

            assertThat(watch.committed("walls", phantom.getIdentifier())).isFalse();
        }
    }

    @Test
    void aClosedWatchIsToldNothingMore() {
        EventMessage<?> mine = GenericEventMessage.asEventMessage("my post");
        CommittedBatches.Watch watch = batches.watch();
        watch.add(List.of(mine.getIdentifier()));
        watch.close();

        commitBatch("walls", List.of(mine));

        assertThat(watch.committed("walls", mine.getIdentifier())).isFalse();
    }

    @Test
    void anInterruptedWaitSaysSo() {
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> batches.awaitAny(batches.counts(List.of("walls")), Duration.ofSeconds(30)))
                .isInstanceOf(InterruptedException.class);
    }

    /** A processor's batch of {@code events}, run through the counting interceptor as a segment runs it. */
    private void commitBatch(String group, int events) {
        commitBatch(group, IntStream.range(0, events)
                .<EventMessage<?>>mapToObj(GenericEventMessage::asEventMessage).toList());
    }

    private void commitBatch(String group, List<EventMessage<?>> messages) {
        var counting = batches.countingFor(group);
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        batch.executeWithResult(() -> counting.handle(batch, () -> null));
    }

    /** A batch whose handling fails: it rolls back, and nothing is told. */
    private void rolledBackBatch(String group) {
        rolledBackBatch(group, List.of(GenericEventMessage.asEventMessage("rotten carrot")));
    }

    private void rolledBackBatch(String group, List<EventMessage<?>> messages) {
        var counting = batches.countingFor(group);
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
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
