package org.bunnybook.bench;

import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.eventstore.StoredEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The baseline of the benchmarks that write: the most single-row inserts the database takes in the same run. Copies
 * of stored posts' and messages' rows (fresh identifiers, same sizes) go into an empty table shaped and indexed like
 * the event table, one commit each, from connections of their own beside the application's pool, in the same
 * database with the same durability settings. Needs a stored {@code PostCreated} and {@code MessagePosted}; the table
 * is dropped on {@link #close()}.
 */
final class RawInserts implements AutoCloseable {

    private static final String RAW_TABLE = "bench_raw_events";
    private static final String INSERT_ROW = """
            INSERT INTO %s (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,
                            payload_revision, payload_type, time_stamp)
            VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)""".formatted(RAW_TABLE);

    private final JdbcClient jdbc;
    private final Environment environment;
    private final List<SampleRow> samples;

    RawInserts(ConfigurableApplicationContext application) {
        this.jdbc = application.getBean(JdbcClient.class);
        this.environment = application.getEnvironment();
        EventStoreTables tables = application.getBean(EventStoreTables.class);
        this.samples = List.of(sample(tables, "PostCreated"), sample(tables, "MessagePosted"));
        // an empty copy of the event table with its indexes, and no default taken from the event store's sequence (the
        // store's global positions must not skip)
        jdbc.sql("DROP TABLE IF EXISTS " + RAW_TABLE).update();
        jdbc.sql("CREATE TABLE " + RAW_TABLE + " (LIKE " + EventStoreTables.EVENTS + " INCLUDING INDEXES)").update();
        jdbc.sql("CREATE SEQUENCE IF NOT EXISTS " + RAW_TABLE + "_positions").update();
        jdbc.sql("ALTER TABLE " + RAW_TABLE + " ALTER COLUMN global_index SET DEFAULT nextval('" + RAW_TABLE
                + "_positions')").update();
    }

    /** Inserts from {@code count} connections at once for {@code length}, each insert timed. */
    Phase run(int count, Duration length) {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Connection connection = DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
                        environment.getProperty("spring.datasource.username"),
                        environment.getProperty("spring.datasource.password", ""));
                connection.setAutoCommit(true); // one commit per row, as one command is one commit
                connections.add(connection);
            }
            return Phase.measure(count, length, index -> {
                PreparedStatement insert = prepare(connections.get(index));
                long[] sent = {0};
                return () -> insert(insert, samples.get((int) (sent[0]++ % samples.size())));
            });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            connections.forEach(RawInserts::close);
        }
    }

    @Override
    public void close() {
        jdbc.sql("DROP TABLE " + RAW_TABLE).update();
    }

    /** The columns of a stored event of this type, written again with fresh identifiers. */
    private record SampleRow(String aggregateType, byte[] metaData, byte[] payload, String payloadRevision,
                             String payloadType, String timeStamp) {
    }

    private static SampleRow sample(EventStoreTables tables, String eventType) {
        StoredEvent stored = tables.newestOfType(eventType).orElseThrow(() -> new IllegalStateException(
                "the baseline copies a stored " + eventType + ", and there is none yet"));
        return new SampleRow(stored.aggregateType(), stored.metaData(), stored.payload(), stored.payloadRevision(),
                stored.payloadType(), stored.timeStamp());
    }

    private static void insert(PreparedStatement insert, SampleRow row) {
        try {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, row.aggregateType());
            insert.setString(3, UUID.randomUUID().toString());
            insert.setBytes(4, row.metaData());
            insert.setBytes(5, row.payload());
            insert.setString(6, row.payloadRevision());
            insert.setString(7, row.payloadType());
            insert.setString(8, row.timeStamp());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection connection) {
        try {
            return connection.prepareStatement(INSERT_ROW);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
