package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes of a PostgreSQL projection, sent as JDBC batches when its processor's batch is about to commit instead of
 * one round trip each ({@link BatchBuffers}). A projection whose handlers only write (never read their own tables)
 * opts in by writing through this instead of {@code JdbcClient}:
 * <pre>{@code
 * statements.sql("INSERT INTO posts (post_id, ...) VALUES (:id, ...) ON CONFLICT DO NOTHING")
 *         .param("id", event.postId())
 *         .write();
 * }</pre>
 * The statements commit in the batch's transaction, with its token, as before. Their order is kept where it can
 * matter, within a sequence (the events of one aggregate, which Axon hands over in order): the k-th statement of
 * every sequence goes in round k, and a round sends one JDBC batch per distinct statement text. Statements of
 * different sequences may run in any order, as they already do on the group's other segments.
 */
@Component
public class BatchedStatements {

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchBuffers.Buffer<Write> buffer;

    BatchedStatements(DataSource dataSource, BatchBuffers buffers) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.buffer = buffers.buffer(this::send);
    }

    /** A statement with named parameters ({@code :name}), as with {@code JdbcClient}. */
    public Statement sql(String sql) {
        return new Statement(sql);
    }

    public final class Statement {
        private final String sql;
        private final MapSqlParameterSource parameters = new MapSqlParameterSource();

        private Statement(String sql) {
            this.sql = sql;
        }

        public Statement param(String name, Object value) {
            parameters.addValue(name, value);
            return this;
        }

        /** Runs the statement before the batch commits, or now where it may not wait. */
        public void write() {
            buffer.add(new Write(sequence(), sql, parameters));
        }
    }

    private record Write(String sequence, String sql, SqlParameterSource parameters) {
    }

    /** As Axon's default sequencing policy groups events: by aggregate, else each event alone. */
    private static String sequence() {
        Message<?> event = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getMessage() : null;
        if (event == null) {
            return "";
        }
        return event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null
                ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    /** In rounds: the k-th write of each sequence in round k; per round, one JDBC batch per statement text. */
    private void send(List<Write> writes) {
        List<Map<String, List<SqlParameterSource>>> rounds = new ArrayList<>();
        Map<String, Integer> writesPerSequence = new HashMap<>();
        for (Write write : writes) {
            int round = writesPerSequence.merge(write.sequence(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new LinkedHashMap<>());
            }
            rounds.get(round).computeIfAbsent(write.sql(), sql -> new ArrayList<>()).add(write.parameters());
        }
        for (Map<String, List<SqlParameterSource>> round : rounds) {
            round.forEach((sql, parameters) -> {
                if (parameters.size() == 1) {
                    jdbc.update(sql, parameters.get(0));
                } else {
                    jdbc.batchUpdate(sql, parameters.toArray(SqlParameterSource[]::new));
                }
            });
        }
    }
}
