package org.bunnybook.query.socialgraph;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.friendship.Connection;
import org.bunnybook.api.friendship.FindConnection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How two members are connected: a shortest chain of friendships between them, found by a bidirectional
 * breadth-first search from both members' nodes (looked up by the unique index on {@code id}, always: see
 * {@code SocialGraphQueries.ANCHORED}), at most {@link FindConnection#MAX_HOPS} friendships long. In one read
 * transaction: walked through Neo4j's API where the graph runs in this JVM ({@link ConnectionWalk}), else asked of
 * Cypher's {@code shortestPath} and mapped by hand: the answer is a short list, and a mapping layer would cost more
 * than the search ({@link GraphReads}).
 * <p>
 * The search meets in the middle, so it visits about the friends of friends of each member; members with thousands
 * of friends make that many more, so the transaction has a timeout and a search that runs out of it is refused as
 * a timeout, never left to run. A member blocked by or blocking {@code from} is on no chain {@code from} is shown,
 * and not connected to them at all. Not cached: a chain changes whenever any friendship along it does, and the
 * cache's generations follow only the members an answer is about.
 */
@Component
class ConnectionQueries {

    static final String SHORTEST_CHAIN = """
            MATCH (a:Profile {id: $from}), (b:Profile {id: $to})
            USING INDEX SEEK a:Profile(id) USING INDEX SEEK b:Profile(id)
            OPTIONAL MATCH (a)-[:BLOCKED]-(hidden)
            WITH a, b, collect(hidden) AS hidden
            WHERE NOT b IN hidden
            MATCH chain = shortestPath((a)-[:FRIEND*..%d]-(b))
            WHERE none(p IN nodes(chain) WHERE p IN hidden)
            RETURN [p IN nodes(chain) | {id: p.id, username: p.username}] AS path
            """.formatted(FindConnection.MAX_HOPS);

    /** Oneself: a chain of no friendships, if one is a member at all (shortestPath refuses a node to itself). */
    private static final String ONESELF = """
            MATCH (a:Profile {id: $from})
            RETURN [{id: a.id, username: a.username}] AS path
            """;

    private final GraphReads graph;
    private final Duration timeout;

    ConnectionQueries(GraphReads graph, @Value("${bunnybook.connections.timeout:1s}") Duration timeout) {
        this.graph = graph;
        this.timeout = timeout;
    }

    @QueryHandler
    Optional<Connection> handle(FindConnection query) {
        String from = query.from().toString();
        String to = query.to().toString();
        return graph.walkInThisJvm(timeout, transaction -> ConnectionWalk.between(transaction, from, to))
                .orElseGet(() -> graph.read(from.equals(to) ? ONESELF : SHORTEST_CHAIN,
                                Map.of("from", from, "to", to), timeout, ConnectionQueries::connection)
                        .stream().findFirst());
    }

    private static Connection connection(GraphRow row) {
        return new Connection(row.rows("path").stream().map(GraphRow::profile).toList());
    }
}
