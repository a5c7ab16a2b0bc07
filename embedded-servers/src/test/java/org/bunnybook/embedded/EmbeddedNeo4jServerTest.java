package org.bunnybook.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded Neo4j takes writes from the application's own threads, and survives what those threads go through. */
class EmbeddedNeo4jServerTest {

    @Test
    void aCommitOnAnInterruptedThreadLeavesTheDatabaseWorking(@TempDir Path home) throws Exception {
        try (EmbeddedNeo4jServer neo4j = EmbeddedNeo4jServer.start(home)) {
            GraphDatabaseService database = neo4j.database();

            // A shutting-down executor interrupts the thread that is committing: the interrupt must not reach the
            // transaction log's file channel, which Java would close for good, leaving Neo4j unable to commit.
            CompletableFuture<Void> interruptedCommit = CompletableFuture.runAsync(() -> {
                try (Transaction tx = database.beginTx()) {
                    tx.execute("CREATE (:Member {id: 'interrupted'})").accept(row -> true);
                    Thread.currentThread().interrupt();
                    tx.commit();
                } finally {
                    Thread.interrupted();
                }
            });
            interruptedCommit.get(30, TimeUnit.SECONDS);

            createMember(database, "after");
            assertThat(memberExists(database, "interrupted")).isTrue();
            assertThat(memberExists(database, "after")).isTrue();
        }
    }

    private static void createMember(GraphDatabaseService database, String id) {
        try (Transaction tx = database.beginTx()) {
            tx.execute("CREATE (:Member {id: $id})", Map.of("id", id)).accept(row -> true);
            tx.commit();
        }
    }

    private static boolean memberExists(GraphDatabaseService database, String id) {
        try (Transaction tx = database.beginTx()) {
            return tx.execute("MATCH (m:Member {id: $id}) RETURN m", Map.of("id", id)).hasNext();
        }
    }
}
