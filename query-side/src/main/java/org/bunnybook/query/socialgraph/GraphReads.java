package org.bunnybook.query.socialgraph;

import org.bunnybook.api.account.ProfileSummary;
import org.neo4j.graphdb.Transaction;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read-only questions to the social graph, in parameterised Cypher (or, in this JVM, a few walked through Neo4j's
 * API: {@link #walkInThisJvm}), each in one transaction with a time limit (planning included): Neo4j stops a
 * question that exceeds it. A graph that is away or too slow is told as Spring's
 * {@code DataAccessResourceFailureException} or {@code QueryTimeoutException} (which the web answers with 503), at
 * once: no read is retried, so a member waiting for a page is not kept waiting. Over Bolt ({@link BoltGraphReads}),
 * or in this JVM when the graph runs here ({@link InProcessGraphReads}); {@link GraphReadsConfiguration} chooses.
 */
abstract class GraphReads {

    private final Duration timeout;

    /** @param timeout the time limit every read has ({@code bunnybook.social-graph.query-timeout}) */
    GraphReads(Duration timeout) {
        this.timeout = timeout;
    }

    /** A read with a time limit of its own, shorter than the one every read has. */
    abstract <T> List<T> read(String cypher, Map<String, Object> parameters, Duration limit,
                              Function<GraphRow, T> mapping);

    /** The time limit every read has. */
    Duration timeout() {
        return timeout;
    }

    /** A read with the time limit every read has. */
    <T> List<T> read(String cypher, Map<String, Object> parameters, Function<GraphRow, T> mapping) {
        return read(cypher, parameters, timeout, mapping);
    }

    /** Whether the graph is read in this JVM, where it answers as fast as a Redis hit (docs/performance.md). */
    boolean inThisJvm() {
        return false;
    }

    /**
     * A walk through Neo4j's own API, in a read transaction with the time limit every read has, where the graph runs
     * in this JVM; empty over Bolt, where a question is asked in Cypher instead. For questions whose walk costs less
     * than Cypher's own work for a query ({@link MutualFriendsWalk}, {@link ConnectionWalk}).
     */
    <T> Optional<T> walkInThisJvm(Function<Transaction, T> walk) {
        return walkInThisJvm(timeout, walk);
    }

    /** A walk as {@link #walkInThisJvm(Function)}, with a time limit of its own, shorter than the one every read has. */
    <T> Optional<T> walkInThisJvm(Duration limit, Function<Transaction, T> walk) {
        return Optional.empty();
    }

    /** Rows of {@code id} and {@code username}. */
    List<ProfileSummary> profiles(String cypher, Map<String, Object> parameters) {
        return read(cypher, parameters, GraphRow::profile);
    }
}
