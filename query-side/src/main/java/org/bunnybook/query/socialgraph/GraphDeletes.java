package org.bunnybook.query.socialgraph;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.stream.Collectors;

/** Deletes nodes by label, with their relationships: one transaction deleting a large graph would hold it in memory. */
final class GraphDeletes {

    private static final int BATCH = 10_000;

    private GraphDeletes() {
    }

    /** Deletes every node with any of these labels (names of the graph's own, never a member's input). */
    static void inBatches(Neo4jClient neo4j, TransactionTemplate transaction, List<String> labels) {
        String any = labels.stream().map(label -> "n:" + label).collect(Collectors.joining(" OR "));
        long deleted;
        do {
            deleted = transaction.execute(status -> neo4j.query(
                            "MATCH (n) WHERE " + any + " WITH n LIMIT " + BATCH + " DETACH DELETE n RETURN count(*)")
                    .fetchAs(Long.class).one().orElse(0L));
        } while (deleted > 0);
    }
}
