package org.bunnybook.platform.processing;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

import java.io.Closeable;
import java.net.URLDecoder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The application's PostgreSQL connections, from two pools: a transaction a processor begins
 * ({@link ProjectionTransactions}: its batches, and its coordinator's claims of segments) or its stream's reads of the
 * event store and the node's look for erased members' keys ({@link #forProcessors}) takes its connection from one
 * whose sessions are opened with the projections' settings, everything else (commands, requests) from the other.
 * <p>
 * The processors' reads used to share the commands' pool: in a burst of commands that took every connection, the
 * processors' coordinators waited out the pool's timeout, failed, and Axon backed them off for seconds at a time,
 * so the read models fell behind just when the requests waiting to read their writes needed them.
 * <p>
 * Each batch used to set them itself, with a {@code SET LOCAL} statement: a round trip of its own before the
 * batch's first statement, as long as all the walls' statements of a batch together (docs/performance.md). Set once
 * when a connection opens, they cost nothing per batch.
 * <p>
 * The connection is picked as the transaction begins; from then on the thread's transaction holds it, so the
 * handlers' statements, the token's and the dead letters' all run on it, in the one transaction.
 */
public final class ProjectionConnections extends AbstractRoutingDataSource implements Closeable {

    /**
     * How long a projection's statement may run before PostgreSQL cancels it ({@link ProjectionTransactions} says
     * why); projections writing other stores hold their transactions to it too.
     */
    public static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * What a projection session runs with: commits that do not wait for the write-ahead log's flush, and statements
     * cancelled after {@link #STATEMENT_TIMEOUT}, as PostgreSQL's {@code options} when the connection opens.
     */
    private static final String PROJECTION_SETTINGS = "-c synchronous_commit=off -c statement_timeout="
            + STATEMENT_TIMEOUT.toSeconds() + "s";
    private static final String OPTIONS = "options";

    private static final String PROJECTIONS = "projections";
    private static final String OTHERS = "others";
    private static final ThreadLocal<Boolean> BEGINNING_PROJECTION = new ThreadLocal<>();

    private final HikariDataSource others;
    private final HikariDataSource projections;

    /** @param projections a pool given {@link #openWithProjectionSettings} */
    public ProjectionConnections(HikariDataSource others, HikariDataSource projections) {
        this.others = others;
        this.projections = projections;
        setTargetDataSources(Map.of(OTHERS, others, PROJECTIONS, projections));
        setDefaultTargetDataSource(others);
        afterPropertiesSet();
    }

    /**
     * Has the pool open its sessions with {@link #PROJECTION_SETTINGS}, after whatever options the operator gave it so
     * that these win. PgJDBC takes {@code options} from the URL over the pool's properties (the URL's last, when it
     * names them more than once), so those are taken out of the URL and given, extended, as the pool's property.
     */
    public static void openWithProjectionSettings(HikariDataSource pool) {
        String given = pool.getDataSourceProperties().getProperty(OPTIONS);
        String url = pool.getJdbcUrl();
        int query = url == null ? -1 : url.indexOf('?');
        if (query >= 0) {
            List<String> kept = new ArrayList<>();
            for (String parameter : url.substring(query + 1).split("&")) {
                if (parameter.equals(OPTIONS) || parameter.startsWith(OPTIONS + "=")) {
                    given = URLDecoder.decode(parameter.substring(OPTIONS.length()).replaceFirst("^=", ""), UTF_8);
                } else if (!parameter.isEmpty()) {
                    kept.add(parameter);
                }
            }
            pool.setJdbcUrl(url.substring(0, kept.isEmpty() ? query : query + 1) + String.join("&", kept));
        }
        pool.addDataSourceProperty(OPTIONS,
                given == null || given.isBlank() ? PROJECTION_SETTINGS : given + " " + PROJECTION_SETTINGS);
    }

    /** Begins a transaction on a projection connection (or joins the one the thread is in already). */
    static Transaction beginProjection(TransactionManager transactions) {
        return forProcessors(transactions::startTransaction);
    }

    /** Runs a processor's work: the connections it opens (by the transactions it begins) are projection ones. */
    public static <T> T forProcessors(Supplier<T> work) {
        Boolean before = BEGINNING_PROJECTION.get();
        BEGINNING_PROJECTION.set(true);
        try {
            return work.get();
        } finally {
            if (before == null) {
                BEGINNING_PROJECTION.remove();
            }
        }
    }

    /**
     * A connection; on a thread that serves a member ({@link ServingThreads}), one that waits at most the thread's
     * bound for each answer (PgJDBC's socket timeout: past it the statement fails as a lost connection, which the pool
     * replaces, and the request as a store outage). HikariCP sets the pool's own timeout back when the connection
     * returns to it.
     */
    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        Duration wait = ServingThreads.postgresWait();
        if (wait != null) {
            try {
                connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, wait.toMillis()));
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.close(); // back to the pool, which finds out whether it still works
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }
        return connection;
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return BEGINNING_PROJECTION.get() != null ? PROJECTIONS : OTHERS;
    }

    @Override
    public void close() {
        projections.close();
        others.close();
    }
}
