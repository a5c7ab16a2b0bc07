package org.bunnybook.query.socialgraph;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.friendship.Connection;
import org.bunnybook.api.friendship.FindConnection;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How two members are connected: a shortest chain of friendships between them, found by Neo4j's bidirectional
 * breadth-first search from both members' nodes (looked up by the unique index on {@code id}), at most
 * {@link FindConnection#MAX_HOPS} friendships long. Through the driver itself, in one read transaction: the answer
 * is a short list, and a mapping layer would cost more than the search.
 * <p>
 * The search meets in the middle, so it visits about the friends of friends of each member; members with thousands
 * of friends make that many more, so the transaction has a timeout and a search that runs out of it is refused as
 * a timeout, never left to run. Not cached: a chain changes whenever any friendship along it does, and the cache's
 * generations follow only the members an answer is about.
 */
@Component
class ConnectionQueries {

    static final String SHORTEST_CHAIN = """
            MATCH (a:Profile {id: $from}), (b:Profile {id: $to})
            MATCH chain = shortestPath((a)-[:FRIEND*..%d]-(b))
            RETURN [p IN nodes(chain) | {id: p.id, username: p.username}] AS path
            """.formatted(FindConnection.MAX_HOPS);

    /** Oneself: a chain of no friendships, if one is a member at all (shortestPath refuses a node to itself). */
    private static final String ONESELF = """
            MATCH (a:Profile {id: $from})
            RETURN [{id: a.id, username: a.username}] AS path
            """;

    private static final SessionConfig READ = SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build();

    private final Driver neo4j;
    private final TransactionConfig bounded;

    ConnectionQueries(Driver neo4j, @Value("${bunnybook.connections.timeout:1s}") Duration timeout) {
        this.neo4j = neo4j;
        this.bounded = TransactionConfig.builder().withTimeout(timeout).build();
    }

    @QueryHandler
    Optional<Connection> handle(FindConnection query) {
        String cypher = query.from().equals(query.to()) ? ONESELF : SHORTEST_CHAIN;
        Map<String, Object> parameters = Map.of("from", query.from().toString(), "to", query.to().toString());
        // a transaction of our own, not the driver's managed one, which would retry for up to 30 s while Neo4j is
        // away: a member waiting for a page is better told at once
        try (Session session = neo4j.session(READ); Transaction transaction = session.beginTransaction(bounded)) {
            Optional<Connection> connection = transaction.run(cypher, parameters).stream().findFirst()
                    .map(ConnectionQueries::connection);
            transaction.commit();
            return connection;
        } catch (ServiceUnavailableException | SessionExpiredException | TransientException e) {
            throw new DataAccessResourceFailureException("the social graph is unavailable", e);
        } catch (ClientException e) {
            if (timedOut(e)) {
                throw new QueryTimeoutException("the social graph took longer than " + bounded.timeout(), e);
            }
            throw e;
        }
    }

    private static Connection connection(Record record) {
        return new Connection(record.get("path").asList(member -> new ProfileSummary(
                UUID.fromString(member.get("id").asString()), member.get("username").asString())));
    }

    /** Neo4j ended the transaction for running past its timeout (the code names the client's own timeout). */
    private static boolean timedOut(ClientException e) {
        return e.code() != null && e.code().startsWith("Neo.ClientError.Transaction.TransactionTimedOut");
    }
}
