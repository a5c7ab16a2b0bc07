package org.bunnybook.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded PostgreSQL keeps acknowledged commits on disk, unless it is told that its data is throw-away. */
class EmbeddedPostgresServerTest {

    @Test
    void aDurableServerFlushesEveryCommitBeforeAcknowledgingIt(@TempDir Path data) throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data, true)) {
            assertThat(setting(postgres, "fsync")).isEqualTo("on");
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(postgres, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void aThrowAwayServerDoesNotWaitForTheDisk(@TempDir Path data) throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data, false)) {
            assertThat(setting(postgres, "fsync")).isEqualTo("off");
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("off");
        }
    }

    private static String setting(EmbeddedPostgresServer postgres, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('" + name + "')")) {
            row.next();
            return row.getString(1);
        }
    }
}
