package org.bunnybook.query.socialgraph;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads of a Neo4j server on the driver itself: one auto-commit read transaction per question, a single Bolt round
 * trip (RUN and PULL pipelined), records mapped by hand. Spring Data Neo4j's client, outside a Spring transaction,
 * began and committed an explicit transaction around every statement: three round trips, each waited for, around
 * queries whose own work is a fraction of one (docs/performance.md). An auto-commit read is never retried by the
 * driver. The count of swaps ({@link GraphSwaps}) is read before and after the question: a round trip each.
 */
final class BoltGraphReads extends GraphReads {

    private final Driver driver;
    private final HomeDatabase database;

    BoltGraphReads(Driver driver, HomeDatabase database, Duration timeout, Clock clock) {
        super(timeout, clock);
        this.driver = driver;
        this.database = database;
    }

    @Override
    <T> List<T> read(String cypher, Map<String, Object> parameters, Duration limit,
                     Function<GraphRow, T> mapping) {
        return whole(limit, () -> swaps(limit), () -> once(cypher, parameters, limit, mapping));
    }

    private long swaps(Duration limit) {
        long now = now();
        return once(GraphSwaps.READ, Map.of(), limit, row -> GraphSwaps.count((Long) row.columns().get("count"),
                (Long) row.columns().get("since"), now)).stream().findFirst().orElse(0L);
    }

    private <T> List<T> once(String cypher, Map<String, Object> parameters, Duration limit,
                             Function<GraphRow, T> mapping) {
        TransactionConfig limited = TransactionConfig.builder().withTimeout(limit).build();
        try (Session session = driver.session(database.sessions(AccessMode.READ))) {
            return session.run(cypher, parameters, limited).list(record -> mapping.apply(new GraphRow(record.asMap())));
        } catch (ServiceUnavailableException | SessionExpiredException | TransientException e) {
            throw new DataAccessResourceFailureException("the social graph is unavailable", e);
        } catch (ClientException e) {
            // the code names the client's own timeout: Neo4j ended the query for running past it
            if (e.code() != null && e.code().startsWith("Neo.ClientError.Transaction.TransactionTimedOut")) {
                throw new QueryTimeoutException("the social graph took longer than " + limit, e);
            }
            throw e;
        }
    }
}
