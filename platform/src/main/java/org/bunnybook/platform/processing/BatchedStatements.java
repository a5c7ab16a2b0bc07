package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
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
 * <p>
 * A JDBC batch still runs its statements one by one in PostgreSQL. A statement written {@link #unnested unnested}
 * runs once per round for all of the round's rows instead: each of its parameters arrives as a {@code text[]} of the
 * rows' values, in the rows' order, for the statement to cast and {@code unnest} (set-based, with whatever counts it
 * keeps updated by one join). Its rows come from different sequences, so it must give the same result as running
 * them one at a time in any order:
 * <pre>{@code
 * statements.unnested("""
 *         INSERT INTO post_likes (post_id, profile_id)
 *         SELECT * FROM unnest(CAST(:post AS uuid[]), CAST(:profile AS uuid[])) ON CONFLICT DO NOTHING""")
 *         .param("post", event.postId()).param("profile", event.profileId())
 *         .write();
 * }</pre>
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
        return new Statement(sql, false);
    }

    /**
     * A statement run once per round for every row written with it, each parameter a {@code text[]} of the rows'
     * values ({@code null} stays null; times as ISO-8601 with their offset): cast and {@code unnest} them.
     */
    public Statement unnested(String sql) {
        return new Statement(sql, true);
    }

    public final class Statement {
        private final String sql;
        private final boolean unnested;
        private final MapSqlParameterSource parameters = new MapSqlParameterSource();

        private Statement(String sql, boolean unnested) {
            this.sql = sql;
            this.unnested = unnested;
        }

        public Statement param(String name, Object value) {
            parameters.addValue(name, value);
            return this;
        }

        /** Runs the statement before the batch commits, or now where it may not wait. */
        public void write() {
            buffer.add(new Write(sequence(), sql, unnested, parameters));
        }
    }

    private record Write(String sequence, String sql, boolean unnested, MapSqlParameterSource parameters) {
    }

    /** The statement text and how it runs: a round groups its writes by both. */
    private record Kind(String sql, boolean unnested) {
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

    /**
     * In rounds: the k-th write of each sequence in round k; per round, one statement per unnested statement text and
     * one JDBC batch per other statement text.
     */
    private void send(List<Write> writes) {
        List<Map<Kind, List<MapSqlParameterSource>>> rounds = new ArrayList<>();
        Map<String, Integer> writesPerSequence = new HashMap<>();
        for (Write write : writes) {
            int round = writesPerSequence.merge(write.sequence(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new LinkedHashMap<>());
            }
            rounds.get(round).computeIfAbsent(new Kind(write.sql(), write.unnested()), kind -> new ArrayList<>())
                    .add(write.parameters());
        }
        for (Map<Kind, List<MapSqlParameterSource>> round : rounds) {
            round.forEach((kind, parameters) -> {
                if (kind.unnested()) {
                    jdbc.update(kind.sql(), asArrays(parameters));
                } else if (parameters.size() == 1) {
                    jdbc.update(kind.sql(), parameters.get(0));
                } else {
                    jdbc.batchUpdate(kind.sql(), parameters.toArray(SqlParameterSource[]::new));
                }
            });
        }
    }

    /** Each parameter of the rows as one {@code text[]} of their values, in the rows' order. */
    private static SqlParameterSource asArrays(List<MapSqlParameterSource> rows) {
        MapSqlParameterSource arrays = new MapSqlParameterSource();
        for (String name : rows.get(0).getParameterNames()) {
            arrays.addValue(name, rows.stream().map(row -> asText(row.getValue(name))).toArray(String[]::new));
        }
        return arrays;
    }

    private static String asText(Object value) {
        if (value instanceof TemporalAccessor time && time.isSupported(ChronoField.OFFSET_SECONDS)) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time); // seconds always written, unlike toString
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return value instanceof Enum<?> constant ? constant.name() : value == null ? null : value.toString();
    }
}
