package org.bunnybook.query.socialgraph;

import org.neo4j.driver.Session;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * How many times the graph has begun or ended a swap of versions ({@link SocialGraphCopy}), on one
 * {@code (:GraphSwaps {count, since})} node: odd while a swap is under way. Neo4j reads see each transaction's changes
 * as they are applied, not all at once, so a question asked while a swap commits could find a member in neither
 * version. A read that found the count even before it and the same after it saw one version whole
 * ({@link GraphReads}); else it is asked again. The swap counts up in transactions of their own, before and after its
 * own. A count left odd by a node that died mid-swap is trusted again once {@link #ABANDONED} old (by the clock of the
 * node that swapped: nodes' clocks are kept in step).
 */
final class GraphSwaps {

    static final Duration ABANDONED = Duration.ofMinutes(1);
    static final String READ = "MATCH (swaps:GraphSwaps) RETURN swaps.count AS count, swaps.since AS since";
    private static final Label LABEL = Label.label("GraphSwaps");

    private GraphSwaps() {
    }

    /**
     * Marks a swap as begun, committed at once (in a session of its own, outside any transaction under way); after
     * the swap, whether it succeeded or not, {@link #end}.
     */
    static void begin(Session session, Clock clock) {
        session.run("""
                MERGE (swaps:GraphSwaps) ON CREATE SET swaps.count = 0
                SET swaps.count = CASE WHEN swaps.count % 2 = 0 THEN swaps.count + 1 ELSE swaps.count + 2 END,
                    swaps.since = $now""", Map.of("now", clock.millis())).consume();
    }

    static void end(Session session) {
        session.run("MATCH (swaps:GraphSwaps) WHERE swaps.count % 2 = 1 SET swaps.count = swaps.count + 1")
                .consume();
    }

    /**
     * The count a reader compares before and after its question. A count left odd long ago reads as even, and as
     * none other: negated, so that the swap's end, should it come after all, still differs from it.
     */
    static long count(Long count, Long since, long now) {
        if (count == null) {
            return 0;
        }
        boolean abandoned = count % 2 == 1 && since != null && now - since > ABANDONED.toMillis();
        return abandoned ? -count - 1 : count;
    }

    /**
     * The count, read through Neo4j's API in this JVM, twice a question: from the node found once by its label, then
     * by its id (a record read, where a label's lookup opens an index cursor).
     */
    static final class InThisJvm {

        private volatile String node;

        long count(Transaction transaction, long now) {
            Node swaps = find(transaction);
            return swaps == null ? 0
                    : GraphSwaps.count((Long) swaps.getProperty("count", null), (Long) swaps.getProperty("since", null),
                    now);
        }

        private Node find(Transaction transaction) {
            String known = node;
            if (known != null) {
                try {
                    Node swaps = transaction.getNodeByElementId(known);
                    if (swaps.hasLabel(LABEL)) {
                        return swaps;
                    }
                } catch (NotFoundException deleted) {
                    // deleted by hand (its id may since be another node's): found again by its label
                }
            }
            try (ResourceIterator<Node> found = transaction.findNodes(LABEL)) {
                if (!found.hasNext()) {
                    return null;
                }
                Node swaps = found.next();
                node = swaps.getElementId();
                return swaps;
            }
        }
    }
}
