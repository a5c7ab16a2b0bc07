package org.bunnybook.embedded;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Neo4j 5 database running inside this JVM, reachable over Bolt like any server. Unlike the test harness,
 * it keeps its store in a directory of our choosing, so data survives restarts.
 */
public final class EmbeddedNeo4jServer implements AutoCloseable {

    private final Path homeDirectory;
    private final int boltPort;
    private volatile DatabaseManagementService service;
    private final GraphDatabaseService database =
            new RunningDatabase(() -> service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));

    private EmbeddedNeo4jServer(Path homeDirectory, int boltPort) {
        this.homeDirectory = homeDirectory;
        this.boltPort = boltPort;
        this.service = open(homeDirectory, boltPort);
    }

    public static EmbeddedNeo4jServer start(Path homeDirectory) {
        return new EmbeddedNeo4jServer(homeDirectory, FreePorts.next());
    }

    private static DatabaseManagementService open(Path homeDirectory, int boltPort) {
        return new DatabaseManagementServiceBuilder(homeDirectory)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // room for the store files of a network of 100,000 members with ~50 friends each (~200 MB): reads
                // that miss the page cache go to disk; it takes memory only as pages are used
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(512))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                // Transactions past their timeout are ended when the monitor next looks, every 2 s by default:
                // a read bounded to a few hundred milliseconds would run for seconds.
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
                // A transaction begun in this JVM while the database is down would wait a second for it to come back
                // before it is refused: a read of the graph that is away fails at once instead, as over Bolt.
                .setConfig(GraphDatabaseInternalSettings.transaction_start_timeout, Duration.ZERO)
                // Without these, closing waits ~10 s for Bolt's event loops to go quiet.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(1))
                .build();
    }

    public String boltUri() {
        return "bolt://127.0.0.1:" + boltPort;
    }

    /**
     * The default database itself, for reads in this JVM without Bolt: the running one, across {@link #restart()}s,
     * refusing every transaction while the server is stopped. It is the home database Bolt sessions get: this server
     * configures no other.
     */
    public GraphDatabaseService database() {
        return database;
    }

    /** Stops the server, as an outage would; its clients' connections break. */
    public void stop() {
        close();
    }

    /** Starts a stopped server again, on the same port and data. */
    public void restart() {
        service = open(homeDirectory, boltPort);
    }

    @Override
    public void close() {
        service.shutdown();
    }
}
