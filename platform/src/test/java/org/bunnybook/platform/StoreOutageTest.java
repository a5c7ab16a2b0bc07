package org.bunnybook.platform;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.JdbcException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are a store's outage (a 503 to retry) and which are ours, as the fault drill met them. */
class StoreOutageTest {

    @Test
    void aLostConnectionHoweverWrappedIsAnOutage() {
        // HikariCP after a PostgreSQL restart, inside Axon's storage, inside a command's failure
        assertThat(StoreOutage.causedIt(new CommandExecutionException("failed", new JdbcException(
                "Failed to create a SQL statement", new SQLException("Connection is closed"))))).isTrue();
        assertThat(StoreOutage.causedIt(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(StoreOutage.causedIt(new SQLException("connection failure", "08006"))).isTrue();
        assertThat(StoreOutage.causedIt(new CannotCreateTransactionException("no connection"))).isTrue();
    }

    @Test
    void anErrorPostgreSqlReportsAboutTheStatementIsNot() {
        assertThat(StoreOutage.causedIt(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(StoreOutage.causedIt(new IllegalStateException("a bug of ours"))).isFalse();
    }
}
