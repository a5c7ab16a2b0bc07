package org.bunnybook.query.socialgraph;

import org.bunnybook.embedded.EmbeddedNeo4jServer;
import org.bunnybook.platform.processing.CollidedWithAnotherTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.DatabaseShutdownException;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.DeadlockDetectedException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A deadlock in the graph of this JVM reaches the processor as a collision, so that it tries the batch again, as a
 * deadlock over Bolt does; an outage does not, so the batch's events are parked until the graph is back.
 */
class InProcessGraphTransactionsTest {

    @Test
    void twoBatchesTakingTheSameMembersInOppositeOrdersCollideAndOneCommits(@TempDir Path home) throws Exception {
        try (EmbeddedNeo4jServer neo4j = EmbeddedNeo4jServer.start(home);
             InProcessGraphTransactions transactions = new InProcessGraphTransactions(neo4j.database(),
                     Duration.ofSeconds(30))) {
            try (Transaction tx = neo4j.database().beginTx()) {
                tx.execute("CREATE (:Member {id: 'carol'}), (:Member {id: 'dave'})").accept(row -> true);
                tx.commit();
            }
            CyclicBarrier bothHoldTheirFirst = new CyclicBarrier(2);

            // two threads of their own: the common pool may have one, which would run the batches one after the other
            ExecutorService committers = Executors.newFixedThreadPool(2);
            try {
                Future<Throwable> carolFirst = committers.submit(() -> failureOf(() -> transactions.commitTogether(
                        touching("carol", "dave", bothHoldTheirFirst))));
                Future<Throwable> daveFirst = committers.submit(() -> failureOf(() -> transactions.commitTogether(
                        touching("dave", "carol", bothHoldTheirFirst))));
                List<Throwable> failures = Stream.of(carolFirst.get(60, TimeUnit.SECONDS),
                        daveFirst.get(60, TimeUnit.SECONDS)).filter(Objects::nonNull).toList();
                assertThat(failures).as("the batches that failed").singleElement()
                        .isInstanceOf(CollidedWithAnotherTransaction.class);
            } finally {
                committers.shutdownNow();
            }
            try (Transaction tx = neo4j.database().beginTx()) {
                assertThat(tx.execute("MATCH (m:Member) RETURN collect(m.touched) AS touched").next().get("touched"))
                        .as("each member written once, by the batch that committed")
                        .isEqualTo(List.of(1L, 1L));
            }
        }
    }

    private static Throwable failureOf(Runnable batch) {
        try {
            batch.run();
            return null;
        } catch (RuntimeException failed) {
            return failed;
        }
    }

    @Test
    void aBatchCommittedByAnInterruptedThreadCommitsAndTheGraphGoesOn(@TempDir Path home) throws Exception {
        try (EmbeddedNeo4jServer neo4j = EmbeddedNeo4jServer.start(home);
             InProcessGraphTransactions transactions = new InProcessGraphTransactions(neo4j.database(),
                     Duration.ofSeconds(30))) {
            // as a processor's thread is when its executor shuts down: had Neo4j's log been written on this thread,
            // Java would have closed it for good, and every later commit would fail
            Thread.currentThread().interrupt();
            try {
                transactions.commitTogether(List.of(new GraphStatement("CREATE (:Member {id: 'interrupted'})",
                        Map.of())));
                assertThat(Thread.currentThread().isInterrupted()).as("the interrupt, kept for its thread").isTrue();
            } finally {
                Thread.interrupted();
            }

            transactions.commitTogether(List.of(new GraphStatement("CREATE (:Member {id: 'after'})", Map.of())));
            try (Transaction tx = neo4j.database().beginTx()) {
                assertThat(tx.execute("MATCH (m:Member) RETURN m.id AS id ORDER BY id").stream()
                        .map(row -> row.get("id")).toList()).containsExactly("after", "interrupted");
            }
        }
    }

    @Test
    void closingLetsTheBatchUnderWayCommitAndSendsLaterOnesBackToBeTriedAgain(@TempDir Path home) throws Exception {
        try (EmbeddedNeo4jServer neo4j = EmbeddedNeo4jServer.start(home)) {
            try (Transaction tx = neo4j.database().beginTx()) {
                tx.execute("CREATE (:Member {id: 'carol'}), (:Member {id: 'dave'})").accept(row -> true);
                tx.commit();
            }
            InProcessGraphTransactions transactions = new InProcessGraphTransactions(neo4j.database(),
                    Duration.ofSeconds(30));
            CountDownLatch halfway = new CountDownLatch(1);
            CountDownLatch goOn = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<?> underWay = threads.submit(() -> transactions.commitTogether(touching("carol", "dave", () -> {
                    halfway.countDown();
                    try {
                        goOn.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })));
                assertThat(halfway.await(30, TimeUnit.SECONDS)).as("the batch wrote carol").isTrue();
                Future<?> closing = threads.submit(() -> {
                    transactions.close();
                    return null;
                });
                Thread.sleep(200); // closing, while the batch is still under way
                assertThat(closing).as("closed before the batch under way committed").isNotDone();
                goOn.countDown();
                underWay.get(30, TimeUnit.SECONDS);
                closing.get(30, TimeUnit.SECONDS);
            } finally {
                goOn.countDown();
                threads.shutdownNow();
            }

            assertThatThrownBy(() -> transactions.commitTogether(List.of(new GraphStatement(
                    "CREATE (:Member {id: 'erin'})", Map.of())))).isInstanceOf(CollidedWithAnotherTransaction.class);
            try (Transaction tx = neo4j.database().beginTx()) {
                assertThat(tx.execute("MATCH (m:Member) RETURN m.id AS id, m.touched AS touched ORDER BY id").stream()
                        .map(row -> row.get("id") + "=" + row.get("touched")).toList())
                        .containsExactly("carol=1", "dave=1");
            }
        }
    }

    @Test
    void aGraphThatIsAwayIsNoCollision(@TempDir Path home) throws Exception {
        try (EmbeddedNeo4jServer neo4j = EmbeddedNeo4jServer.start(home);
             InProcessGraphTransactions transactions = new InProcessGraphTransactions(neo4j.database(),
                     Duration.ofSeconds(30))) {
            neo4j.stop();
            try {
                assertThatThrownBy(() -> transactions.commitTogether(List.of(new GraphStatement(
                        "CREATE (:Member {id: 'erin'})", Map.of()))))
                        .isNotInstanceOf(CollidedWithAnotherTransaction.class);
            } finally {
                neo4j.restart();
            }
        }
    }

    @Test
    void aDeadlockIsACollisionHoweverNeo4jWrapsIt() {
        DeadlockDetectedException deadlock = new DeadlockDetectedException("two batches, opposite orders");
        assertThat(InProcessGraphTransactions.asCollision(deadlock))
                .isInstanceOf(CollidedWithAnotherTransaction.class).hasCause(deadlock);
        QueryExecutionException inCypher = new QueryExecutionException("deadlock", deadlock,
                "Neo.TransientError.Transaction.DeadlockDetected");
        assertThat(InProcessGraphTransactions.asCollision(inCypher))
                .isInstanceOf(CollidedWithAnotherTransaction.class).hasCause(inCypher);
        DatabaseShutdownException away = new DatabaseShutdownException();
        assertThat(InProcessGraphTransactions.asCollision(away)).isSameAs(away);
    }

    /**
     * A batch writing {@code first}, then {@code second}. Its second statement starts only once the other batch holds
     * its first member too: the statement's parameters wait for it when Neo4j first reads them.
     */
    private static List<GraphStatement> touching(String first, String second, CyclicBarrier bothHoldTheirFirst) {
        return touching(first, second, () -> {
            try {
                bothHoldTheirFirst.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other batch never took its first member", e);
            }
        });
    }

    /** A batch writing {@code first}, then, once {@code halfway} has run, {@code second}. */
    private static List<GraphStatement> touching(String first, String second, Runnable halfway) {
        String touch = "MATCH (m:Member {id: $id}) SET m.touched = coalesce(m.touched, 0) + 1";
        return List.of(new GraphStatement(touch, Map.of("id", first)),
                new GraphStatement(touch, new ReadAfter(Map.of("id", second), halfway)));
    }

    /** Parameters that run {@code first} when Neo4j first reads them, holding the statement until it returns. */
    private static final class ReadAfter extends AbstractMap<String, Object> {
        private final Map<String, Object> parameters;
        private final Runnable first;
        private final AtomicBoolean ran = new AtomicBoolean();

        ReadAfter(Map<String, Object> parameters, Runnable first) {
            this.parameters = parameters;
            this.first = first;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            if (ran.compareAndSet(false, true)) {
                first.run();
            }
            return parameters.entrySet();
        }
    }
}
