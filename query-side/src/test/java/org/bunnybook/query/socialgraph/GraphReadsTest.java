package org.bunnybook.query.socialgraph;

import org.bunnybook.embedded.EmbeddedNeo4jServer;
import org.bunnybook.query.testing.EmbeddedReadModelStores;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.graphdb.Label;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.neo4j.core.Neo4jClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** Reading the graph over Bolt and in this JVM: the same rows, the same limits, the same answer when it is away. */
@ReadModelTest({GraphReadsConfiguration.class, HomeDatabase.class})
class GraphReadsTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Duration QUICK = Duration.ofMillis(300);

    @Autowired
    GraphReads configured;

    @Autowired
    Driver driver;

    @Autowired
    HomeDatabase database;

    @Autowired
    Neo4jClient neo4j;

    @Test
    void theEmbeddedGraphOfThisJvmIsReadInProcess() {
        assertThat(configured).isInstanceOf(InProcessGraphReads.class);
    }

    @Test
    void bothWaysAnswerTheSameRowsAsPlainJavaValues() {
        String cypher = """
                UNWIND range(1, 2) AS n
                RETURN n, $name AS name, [{id: $name, username: 'Ann'}] AS people ORDER BY n""";
        for (GraphReads reads : bothWays()) {
            List<Map<String, ?>> rows = reads.read(cypher, Map.of("name", "ann"), GraphRow::columns);
            assertThat(rows).as(reads.getClass().getSimpleName()).containsExactly(
                    Map.of("n", 1L, "name", "ann", "people", List.of(Map.of("id", "ann", "username", "Ann"))),
                    Map.of("n", 2L, "name", "ann", "people", List.of(Map.of("id", "ann", "username", "Ann"))));
        }
    }

    @Test
    void aReadPastItsTimeLimitIsStoppedAndToldAsATimeout() {
        for (GraphReads reads : bothWays()) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> reads.read("UNWIND range(1, 10000000000) AS n WITH n WHERE n < 0 RETURN n",
                    Map.of(), Duration.ofMillis(300), GraphRow::columns))
                    .as(reads.getClass().getSimpleName()).isInstanceOf(QueryTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** A walk through Neo4j's API in this JVM is held to its time limit as a query is. */
    @Test
    void aWalkPastItsTimeLimitIsStoppedAndToldAsATimeout() {
        long started = System.nanoTime();
        // preemptive: a limit no longer held would otherwise walk for ever
        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> configured.walkInThisJvm(
                Duration.ofMillis(300), transaction -> {
                    while (!Thread.currentThread().isInterrupted()) { // ended by the preemptive timeout
                        transaction.findNode(Label.label("Profile"), "id", "nobody");
                    }
                    return null;
                }))).isInstanceOf(QueryTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aReadCannotChangeTheGraph() {
        for (GraphReads reads : bothWays()) {
            catchThrowable(() -> reads.read("CREATE (s:Scratch) RETURN s.id AS id", Map.of(), GraphRow::columns));
            assertThat(configured.read("MATCH (s:Scratch) RETURN count(s) AS n", Map.of(), GraphReadsTest::n))
                    .as(reads.getClass().getSimpleName()).containsExactly(0L);
        }
    }

    @Test
    void aStoppedGraphIsUnavailableAtOnceAndReadAgainOnceBack() {
        EmbeddedNeo4jServer graph = EmbeddedReadModelStores.neo4j();
        graph.stop();
        try {
            for (GraphReads reads : bothWays()) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> reads.read("RETURN 1 AS n", Map.of(), GraphRow::columns))
                        .as(reads.getClass().getSimpleName()).isInstanceOf(DataAccessResourceFailureException.class);
                // at once: a member's page does not wait for the graph to come back
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
            }
        } finally {
            graph.restart();
            await("the driver reaching Neo4j again").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> {
                        driver.verifyConnectivity();
                        return true;
                    });
        }
        for (GraphReads reads : bothWays()) {
            assertThat(reads.read("RETURN 1 AS n", Map.of(), GraphReadsTest::n)).containsExactly(1L);
        }
    }

    /**
     * A read waits while the graph's versions are swapped ({@link SocialGraphCopy}), which Neo4j applies bit by bit,
     * and is asked again if a swap overlapped it; a swap left half-counted by a node that died holds no read back.
     */
    @Test
    void aReadWaitsOutASwapAndIsAskedAgainAfterOneItOverlapped() throws Exception {
        try (Session swaps = driver.session()) {
            for (GraphReads reads : bothWays()) {
                String way = reads.getClass().getSimpleName();
                neo4j.query("MATCH (probe:SwapProbe) DELETE probe").run();
                GraphSwaps.begin(swaps, Clock.systemUTC());
                CompletableFuture<List<Object>> during = CompletableFuture.supplyAsync(() ->
                        reads.read("MATCH (probe:SwapProbe) RETURN count(probe) AS n", Map.of(), GraphReadsTest::n));
                Thread.sleep(200);
                assertThat(during).as(way + ": waiting for the swap to end").isNotDone();
                neo4j.query("CREATE (:SwapProbe)").run(); // what the swap changed
                GraphSwaps.end(swaps);
                assertThat(during.get(5, TimeUnit.SECONDS)).as(way + ": the graph after the swap").containsExactly(1L);

                // a whole swap while the question is asked, from the mapping of its row: in this JVM, where that runs
                // on the reader's thread (over Bolt it runs on the driver's, which must not wait for another question)
                if (reads.inThisJvm()) {
                    AtomicInteger asked = new AtomicInteger();
                    List<Object> answer = reads.read("RETURN 1 AS n", Map.of(), row -> {
                        if (asked.incrementAndGet() == 1) {
                            GraphSwaps.begin(swaps, Clock.systemUTC());
                            GraphSwaps.end(swaps);
                        }
                        return n(row);
                    });
                    assertThat(answer).containsExactly(1L);
                    assertThat(asked).as(way + ": asked again after a swap overlapped it").hasValue(2);
                }

                GraphSwaps.begin(swaps, Clock.offset(Clock.systemUTC(), GraphSwaps.ABANDONED.plusSeconds(1).negated()));
                try {
                    long started = System.nanoTime();
                    assertThat(reads.read("RETURN 1 AS n", Map.of(), GraphReadsTest::n)).containsExactly(1L);
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).as(way + ": an abandoned swap")
                            .isLessThan(Duration.ofSeconds(1));
                } finally {
                    GraphSwaps.end(swaps);
                }

                // a swap that outlasts a question's time limit: the graph is too slow to answer whole
                GraphReads quick = reads.inThisJvm()
                        ? new InProcessGraphReads(EmbeddedReadModelStores.neo4j().database(), QUICK, Clock.systemUTC())
                        : new BoltGraphReads(driver, database, QUICK, Clock.systemUTC());
                GraphSwaps.begin(swaps, Clock.systemUTC());
                try {
                    assertThatThrownBy(() -> quick.read("RETURN 1 AS n", Map.of(), GraphReadsTest::n))
                            .as(way).isInstanceOf(QueryTimeoutException.class);
                } finally {
                    GraphSwaps.end(swaps);
                }
            }
        }
        neo4j.query("MATCH (probe:SwapProbe) DELETE probe").run();
    }

    private static Object n(GraphRow row) {
        return row.columns().get("n");
    }

    private List<GraphReads> bothWays() {
        return List.of(new BoltGraphReads(driver, database, LIMIT, Clock.systemUTC()),
                new InProcessGraphReads(EmbeddedReadModelStores.neo4j().database(), LIMIT, Clock.systemUTC()));
    }
}
