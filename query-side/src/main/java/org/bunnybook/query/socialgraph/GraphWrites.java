package org.bunnybook.query.socialgraph;

import org.bunnybook.platform.projection.RebuildCopies;
import org.bunnybook.query.cache.GenerationalCache;
import org.bunnybook.query.socialgraph.GraphChange.Kind;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a batch of {@link GraphChange}s to Neo4j in one transaction, then retires the cached answers about the
 * members they touched, in one Redis round trip.
 * <p>
 * Every {@code FRIEND}, {@code REQUESTED} and {@code BLOCKED} relationship joins two {@code Profile} nodes: the
 * readers rely on it and check no label of whom a relationship leads to ({@code SocialGraphQueries}).
 * <p>
 * Each kind of change has a statement of its own that takes a list of changes, and a batch is sent as a few of
 * them. One statement for every kind at once (a subquery per kind) was tried: its plan took Neo4j ~0.3 s to make,
 * against ~0.06 s for one of these, and it made one for each size class of the list ({@link #plannedOnce}) and again
 * whenever the graph's statistics had moved enough. Under live load on a busy machine each of those plans stopped
 * the projection for 5 to 25 s (docs/performance.md, "Ingest, second pass").
 * <p>
 * A batch keeps the meaning of its changes sent one by one. The changes of one pair keep their order: the first
 * change of each pair goes in the first round, the second in the second, and so on, so a round holds at most one
 * change per pair, and changes of different pairs touch different relationships, so within a round each kind may go
 * in its own statement. Registrations go before every round and erasures after them, which ends in the same graph
 * as their place in the batch: a registration only names a member (a pair change merged the same node with the
 * same name), and an erasure removes all that any change made of its member, before or after it.
 * <p>
 * First the batch's existing member nodes are locked, in the order of their ids: a batch of dead letters retried, or
 * a rebuild's, touches many of the same members, and two transactions locking them as their changes come would
 * deadlock one another.
 * <p>
 * The batch commits in one transaction of the graph ({@link GraphTransactions}): in this JVM when the graph runs here,
 * over Bolt otherwise. A rebuild's processor writes its copy of the graph instead ({@link SocialGraphCopy}), with the
 * same statements under the copy's labels, and leaves the cached answers, which are about the live graph, alone.
 */
@Component
class GraphWrites {

    static final String LOCK = "UNWIND $batch.ids AS id MATCH (p:Profile {id: id}) SET p.id = id";

    private static final String REGISTER = """
            UNWIND $batch.changes AS change
            MERGE (p:Profile {id: change.a}) SET p.username = change.aName, p.key = change.aKey
            """;

    /**
     * A pair's change is applied only if its {@code seq} is newer than what the pair's {@code (:Pair {id, seq})}
     * last applied, and not at all if one of its members erased their account (a tombstone by id stays). Profiles
     * are merged from the names the change carries: in a rebuild a friendship event may come before its member's
     * registration. Then comes the kind's own part ({@link #statement}), with {@code a} and {@code b}.
     */
    private static final String PAIR_CHANGE = """
            UNWIND $batch.changes AS change
            WITH change WHERE NOT EXISTS { MATCH (gone:ErasedProfile) WHERE gone.id IN [change.a, change.b] }
            MERGE (pair:Pair {id: change.pair})
            WITH change, pair WHERE coalesce(pair.seq, -1) < change.seq
            SET pair.seq = change.seq
            MERGE (a:Profile {id: change.a}) ON CREATE SET a.username = change.aName, a.key = toLower(change.aName)
            MERGE (b:Profile {id: change.b}) ON CREATE SET b.username = change.bName, b.key = toLower(change.bName)
            WITH a, b
            """;

    /** The profile goes with its relationships and pairs; a tombstone by id stays (see {@link #PAIR_CHANGE}). */
    private static final String ERASE = """
            UNWIND $batch.changes AS change
            MERGE (:ErasedProfile {id: change.a})
            WITH change
            OPTIONAL MATCH (p:Profile {id: change.a}) DETACH DELETE p
            WITH DISTINCT change
            MATCH (pair:Pair) WHERE pair.id STARTS WITH change.a OR pair.id ENDS WITH change.a DELETE pair
            """;

    private static final Map<Kind, String> STATEMENTS = new EnumMap<>(Kind.class);
    private static final Map<Kind, String> COPY_STATEMENTS = new EnumMap<>(Kind.class);
    private static final String COPY_LOCK = SocialGraphCopy.inCopy(LOCK);

    static {
        for (Kind kind : Kind.values()) {
            STATEMENTS.put(kind, statement(kind));
            COPY_STATEMENTS.put(kind, SocialGraphCopy.inCopy(statement(kind)));
        }
    }

    private final GraphTransactions transactions;
    private final GenerationalCache cache;

    GraphWrites(GraphTransactions transactions, @Qualifier(SocialGraphCache.NAME) GenerationalCache cache) {
        this.transactions = transactions;
        this.cache = cache;
    }

    /** The statement that applies a list of changes of the kind. */
    static String statement(Kind kind) {
        return switch (kind) {
            case REGISTERED -> REGISTER;
            case ERASED -> ERASE;
            case REQUESTED -> PAIR_CHANGE + "MERGE (a)-[:REQUESTED]->(b)";
            case ACCEPTED -> PAIR_CHANGE
                    + "CALL (a, b) { MATCH (a)-[request:REQUESTED]-(b) DELETE request } MERGE (a)-[:FRIEND]-(b)";
            case REJECTED, CANCELLED -> PAIR_CHANGE + "MATCH (a)-[request:REQUESTED]-(b) DELETE request";
            case UNFRIENDED -> PAIR_CHANGE + "MATCH (a)-[friendship:FRIEND]-(b) DELETE friendship";
            case BLOCKED -> PAIR_CHANGE + "MERGE (a)-[:BLOCKED]->(b)";
            case UNBLOCKED -> PAIR_CHANGE + "MATCH (a)-[block:BLOCKED]->(b) DELETE block";
        };
    }

    void apply(List<GraphChange> batch) {
        boolean copy = RebuildCopies.beingWritten();
        List<GraphStatement> statements = new ArrayList<>();
        List<String> ids = batch.size() > 1 ? lockOrder(batch) : List.of();
        if (!ids.isEmpty()) {
            statements.add(plannedOnce(copy ? COPY_LOCK : LOCK, "ids", ids));
        }
        for (List<GraphChange> step : steps(batch)) {
            statements.add(plannedOnce((copy ? COPY_STATEMENTS : STATEMENTS).get(step.get(0).kind()), "changes",
                    step.stream().map(GraphChange::row).toList()));
        }
        transactions.commitTogether(statements);
        if (copy) {
            return; // the swap retires every cached answer
        }
        if (batch.stream().anyMatch(GraphChange::everyone)) {
            cache.forgetEverything();
        } else {
            List<UUID> members = batch.stream().flatMap(change -> change.members().stream()).distinct().toList();
            if (!members.isEmpty()) {
                cache.changed(members);
            }
        }
    }

    /**
     * A statement over a list, planned once for all: every node its rows touch is sought by unique id, and
     * every relationship between two nodes already found, so no count of the graph can make another plan better
     * (but for an erasure's pairs, found by an index scan: erasures are rare).
     * The list goes as {@code $batch.list} rather than as a parameter of its own, because Neo4j keeps a plan per
     * size class of a list parameter (1, 10, 100, ...), and {@code replan=skip} keeps the plan when the graph's
     * statistics move (it grows from nothing in a rebuild). {@code GraphWritesTest} checks the plans seek.
     */
    private static GraphStatement plannedOnce(String cypher, String list, List<?> rows) {
        return new GraphStatement("CYPHER replan=skip " + cypher, Map.of("batch", Map.of(list, rows)));
    }

    /** The batch's members, in the order every batch locks them. */
    private static List<String> lockOrder(List<GraphChange> batch) {
        return batch.stream().flatMap(change -> Stream.of(change.row().get("a"), change.row().get("b")))
                .filter(String.class::isInstance).map(String.class::cast)
                .sorted().distinct().toList();
    }

    /**
     * The batch as statements to send in turn, each a list of changes of one kind: registrations, then the rounds
     * of pair changes, then erasures (see the class comment for why this means what the batch means).
     */
    private static List<List<GraphChange>> steps(List<GraphChange> batch) {
        Map<String, Integer> changesOfPair = new HashMap<>();
        TreeMap<Integer, Map<Kind, List<GraphChange>>> rounds = new TreeMap<>();
        for (GraphChange change : batch) {
            int round = switch (change.kind()) {
                case REGISTERED -> 0;
                case ERASED -> Integer.MAX_VALUE;
                default -> changesOfPair.merge(change.pair(), 1, Integer::sum);
            };
            rounds.computeIfAbsent(round, key -> new EnumMap<>(Kind.class))
                    .computeIfAbsent(change.kind(), key -> new ArrayList<>()).add(change);
        }
        return rounds.values().stream().flatMap(round -> round.values().stream()).toList();
    }
}
