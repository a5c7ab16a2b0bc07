package org.bunnybook.query.socialgraph;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Deletes nodes by label, with their relationships, in transactions of their own, on the driver: one transaction
 * deleting a large graph would hold it in memory, and Spring Data's client would join a PostgreSQL transaction under
 * way and commit only after it.
 */
final class GraphDeletes {

    private static final int BATCH = 10_000;

    private GraphDeletes() {
    }

    /** Deletes every node with any of these labels (names of the graph's own, never a member's input). */
    static void inBatches(Driver driver, HomeDatabase database, List<String> labels) {
        String any = labels.stream().map(label -> "n:" + label).collect(Collectors.joining(" OR "));
        String cypher = "MATCH (n) WHERE " + any + " WITH n LIMIT " + BATCH + " DETACH DELETE n RETURN count(*)";
        try (Session session = driver.session(database.sessions(AccessMode.WRITE))) {
            long deleted;
            do {
                deleted = session.executeWrite(transaction -> transaction.run(cypher).single().get(0).asLong());
            } while (deleted > 0);
        }
    }
}
