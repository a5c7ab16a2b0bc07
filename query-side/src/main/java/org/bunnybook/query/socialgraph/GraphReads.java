package org.bunnybook.query.socialgraph;

import org.bunnybook.api.account.ProfileSummary;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads of the social graph on the Neo4j driver itself: one auto-commit read transaction per question, a single
 * Bolt round trip (RUN and PULL pipelined), records mapped by hand. Spring Data Neo4j's client, outside a Spring
 * transaction, began and committed an explicit transaction around every statement: three round trips, each waited
 * for, around queries whose own work is a fraction of one (docs/performance.md). Every read has a time limit,
 * planning included: Neo4j stops a query that exceeds it. A graph that is away or too slow is told as Spring's
 * {@link DataAccessResourceFailureException} or {@link QueryTimeoutException} (which the web answers with 503), at
 * once: an auto-commit read is never retried by the driver, so a member waiting for a page is not kept waiting.
 */
@Component
class GraphReads {

    private final Driver driver;
    private final TransactionConfig limited;
    private final HomeDatabase database;

    GraphReads(Driver driver, HomeDatabase database,
               @Value("${bunnybook.social-graph.query-timeout:10s}") String timeout) {
        this.driver = driver;
        this.limited = TransactionConfig.builder().withTimeout(DurationStyle.detectAndParse(timeout)).build();
        this.database = database;
    }

    <T> List<T> read(String cypher, Map<String, Object> parameters, Function<Record, T> mapping) {
        return read(cypher, parameters, limited, mapping);
    }

    /** A read with a time limit of its own, shorter than the one every read has. */
    <T> List<T> read(String cypher, Map<String, Object> parameters, Duration timeout, Function<Record, T> mapping) {
        return read(cypher, parameters, TransactionConfig.builder().withTimeout(timeout).build(), mapping);
    }

    private <T> List<T> read(String cypher, Map<String, Object> parameters, TransactionConfig limit,
                             Function<Record, T> mapping) {
        try (Session session = driver.session(database.sessions(AccessMode.READ))) {
            return session.run(cypher, parameters, limit).list(mapping::apply);
        } catch (ServiceUnavailableException | SessionExpiredException | TransientException e) {
            throw new DataAccessResourceFailureException("the social graph is unavailable", e);
        } catch (ClientException e) {
            // the code names the client's own timeout: Neo4j ended the query for running past it
            if (e.code() != null && e.code().startsWith("Neo.ClientError.Transaction.TransactionTimedOut")) {
                throw new QueryTimeoutException("the social graph took longer than " + limit.timeout(), e);
            }
            throw e;
        }
    }

    /** Rows of {@code id} and {@code username}. */
    List<ProfileSummary> profiles(String cypher, Map<String, Object> parameters) {
        return read(cypher, parameters, record -> new ProfileSummary(UUID.fromString(record.get("id").asString()),
                record.get("username").asString()));
    }
}
