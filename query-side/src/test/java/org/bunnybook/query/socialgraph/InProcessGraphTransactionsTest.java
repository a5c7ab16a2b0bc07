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
        String touch = "MATCH (m:Member {id: $id}) SET m.touched = coalesce(m.touched, 0) + 1";
        return List.of(new GraphStatement(touch, Map.of("id", first)),
                new GraphStatement(touch, new AfterBarrier(Map.of("id", second), bothHoldTheirFirst)));
    }

    /** Parameters read only after every party has reached the barrier. */
    private static final class AfterBarrier extends AbstractMap<String, Object> {
        private final Map<String, Object> parameters;
        private final CyclicBarrier barrier;
        private final AtomicBoolean passed = new AtomicBoolean();

        AfterBarrier(Map<String, Object> parameters, CyclicBarrier barrier) {
            this.parameters = parameters;
            this.barrier = barrier;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            if (passed.compareAndSet(false, true)) {
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other batch never took its first member", e);
                }
            }
            return parameters.entrySet();
        }
    }
}
