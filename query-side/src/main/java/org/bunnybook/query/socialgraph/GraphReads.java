package org.bunnybook.query.socialgraph;

import org.bunnybook.api.account.ProfileSummary;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Transaction;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Read-only questions to the social graph, in parameterised Cypher (or, in this JVM, a few walked through Neo4j's
 * API: {@link #walkInThisJvm}), each in one transaction with a time limit (planning included): Neo4j stops a
 * question that exceeds it. A graph that is away or too slow is told as Spring's
 * {@code DataAccessResourceFailureException} or {@code QueryTimeoutException} (which the web answers with 503), at
 * once: no failed read is retried, so a member waiting for a page is not kept waiting. A read that overlapped a swap
 * of the graph's versions, which Neo4j applies bit by bit, is asked again once the swap is over
 * ({@link GraphSwaps}). Over Bolt ({@link BoltGraphReads}), or in this JVM when the graph runs here
 * ({@link InProcessGraphReads}); {@link GraphReadsConfiguration} chooses.
 */
abstract class GraphReads {

    /** How long a read waits between two looks at a swap under way. */
    private static final Duration SWAP_POLL = Duration.ofMillis(5);

    private final Duration timeout;
    private final Clock clock;

    /** @param timeout the time limit every read has ({@code bunnybook.social-graph.query-timeout}) */
    GraphReads(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
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
     * than Cypher's own work for a query ({@link MutualFriendsWalk}, {@link RankedSuggestionsWalk},
     * {@link ConnectionWalk}).
     */
    <T> Optional<T> walkInThisJvm(Function<Transaction, T> walk) {
        return walkInThisJvm(timeout, walk);
    }

    /** A walk as {@link #walkInThisJvm(Function)}, with a time limit of its own, shorter than every read's. */
    <T> Optional<T> walkInThisJvm(Duration limit, Function<Transaction, T> walk) {
        return Optional.empty();
    }

    /**
     * The answer of a question asked with no swap under way, before or after ({@link GraphSwaps}, whose count
     * {@code swaps} reads): asked again after one that overlapped a swap, waiting while one goes on. A graph that
     * cannot answer whole within the question's time limit is told as too slow, as for any question that takes
     * longer. Every read and walk goes through here.
     */
    <T> T whole(Duration limit, LongSupplier swaps, Supplier<T> question) {
        long deadline = clock.millis() + limit.toMillis();
        while (true) {
            long before = swaps.getAsLong();
            if (before % 2 == 0) {
                T answer;
                try {
                    answer = question.get();
                } catch (NotFoundException gone) {
                    // a walk begun before a swap meets the retired nodes being deleted: asked again, unless no swap
                    // explains it
                    if (swaps.getAsLong() == before) {
                        throw gone;
                    }
                    continue;
                }
                if (swaps.getAsLong() == before) {
                    return answer;
                }
            }
            if (clock.millis() >= deadline) {
                throw new QueryTimeoutException("the social graph was being swapped for a rebuilt one for longer than "
                        + limit);
            }
            pause();
        }
    }

    /** Now, by the clock reads compare an abandoned swap's age with. */
    long now() {
        return clock.millis();
    }

    private static void pause() {
        try {
            Thread.sleep(SWAP_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("interrupted while the social graph was being swapped", e);
        }
    }

    /** Rows of {@code id} and {@code username}. */
    List<ProfileSummary> profiles(String cypher, Map<String, Object> parameters) {
        return read(cypher, parameters, GraphRow::profile);
    }
}
