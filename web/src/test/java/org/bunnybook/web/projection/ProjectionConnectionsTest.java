package org.bunnybook.web.projection;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.bunnybook.platform.processing.ProjectionConnections;
import org.bunnybook.platform.processing.ProjectionTransactions;
import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor's transaction runs on a connection opened with the projections' settings, and every statement of its
 * batch (the handlers' through Spring, the token's and dead letters' through Axon) on that one connection; commands'
 * transactions keep the server's own (in the README's run mode, waiting for the flush; the tests' server does not).
 * Options an operator gives the pool, in its URL or its properties, stay, but the projections' settings win.
 */
@BunnybookTest
class ProjectionConnectionsTest {

    @Autowired
    TransactionManager transactionManager;

    @Autowired
    ConnectionProvider axonConnections;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSourceProperties dataSource;

    @Test
    void aProcessorsTransactionCommitsAsynchronouslyOnOneConnectionForSpringAndAxon() {
        List<String> seen = new ProjectionTransactions(transactionManager).fetchInTransaction(() -> List.of(
                setting("synchronous_commit"), setting("statement_timeout"), backend(), axonsBackend()));

        assertThat(seen.subList(0, 2)).containsExactly("off set by client", "30000 set by client");
        assertThat(seen.get(2)).isEqualTo(seen.get(3));
    }

    @Test
    void aCommandsTransactionAndAStatementOutsideOneKeepTheServersSettings() {
        assertThat(transactionManager.fetchInTransaction(() -> setting("synchronous_commit")))
                .doesNotEndWith("set by client");
        assertThat(setting("synchronous_commit")).doesNotEndWith("set by client");
        assertThat(setting("statement_timeout")).isEqualTo("0 set by default");
    }

    @Test
    void aTransactionBegunAfterAProcessorsIsACommandsAgain() {
        new ProjectionTransactions(transactionManager).executeInTransaction(() -> setting("synchronous_commit"));

        assertThat(transactionManager.fetchInTransaction(() -> setting("synchronous_commit")))
                .doesNotEndWith("set by client");
    }

    /** PgJDBC takes the URL's options over the pool's property: the projections' settings must follow them. */
    @Test
    void theProjectionsSettingsJoinOptionsTheOperatorGaveInTheUrl() {
        String url = dataSource.determineUrl();
        String options = "options=-c%20work_mem%3D5MB%20-c%20statement_timeout%3D5s";
        try (HikariDataSource pool = pool(url + (url.contains("?") ? "&" : "?") + options)) {
            ProjectionConnections.openWithProjectionSettings(pool);

            assertThat(settings(pool, "work_mem", "synchronous_commit", "statement_timeout"))
                    .containsExactly("5120 set by client", "off set by client", "30000 set by client");
        }
    }

    @Test
    void theProjectionsSettingsJoinOptionsTheOperatorGaveThePool() {
        try (HikariDataSource pool = pool(dataSource.determineUrl())) {
            pool.addDataSourceProperty("options", "-c work_mem=5MB -c statement_timeout=5s");
            ProjectionConnections.openWithProjectionSettings(pool);

            assertThat(settings(pool, "work_mem", "synchronous_commit", "statement_timeout"))
                    .containsExactly("5120 set by client", "off set by client", "30000 set by client");
        }
    }

    private HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(dataSource.determineUsername());
        pool.setPassword(dataSource.determinePassword());
        pool.setMaximumPoolSize(1);
        return pool;
    }

    private static List<String> settings(HikariDataSource pool, String... names) {
        JdbcClient sessions = JdbcClient.create(pool);
        return Arrays.stream(names).map(name -> setting(sessions, name)).toList();
    }

    /** The session's value of a setting (times in ms), and where it came from ("client": the connection's options). */
    private String setting(String name) {
        return setting(jdbc, name);
    }

    private static String setting(JdbcClient session, String name) {
        return session.sql("SELECT setting || ' set by ' || source FROM pg_settings WHERE name = ?").param(name)
                .query(String.class).single();
    }

    private String backend() {
        return jdbc.sql("SELECT pg_backend_pid()::text").query(String.class).single();
    }

    private String axonsBackend() {
        try {
            Connection connection = axonConnections.getConnection();
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT pg_backend_pid()::text")) {
                row.next();
                return row.getString(1);
            } finally {
                connection.close(); // a transaction's connection stays open: Axon's provider hands out a proxy
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
