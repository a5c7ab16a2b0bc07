package org.bunnybook.query.socialgraph;

import org.bunnybook.embedded.EmbeddedNeo4jServer;
import org.bunnybook.query.testing.EmbeddedReadModelStores;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.graphdb.Label;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** Reading the graph over Bolt and in this JVM: the same rows, the same limits, the same answer when it is away. */
@ReadModelTest({GraphReadsConfiguration.class, HomeDatabase.class})
class GraphReadsTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Autowired
    GraphReads configured;

    @Autowired
    Driver driver;

    @Autowired
    HomeDatabase database;

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

    private static Object n(GraphRow row) {
        return row.columns().get("n");
    }

    private List<GraphReads> bothWays() {
        return List.of(new BoltGraphReads(driver, database, LIMIT),
                new InProcessGraphReads(EmbeddedReadModelStores.neo4j().database(), LIMIT));
    }
}
