package org.bunnybook.platform;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure is a store that is down or too slow, however it is told: Spring's translations, a transaction
 * that could not begin, and what reaches us untranslated from Axon's JDBC storage (a pool that had no connection to
 * give within its timeout, PostgreSQL's "connection exception" class of SQL states, 08, or its operator
 * intervention, 57P: the server shutting down or restarting under the statement, or an SQL exception with no state
 * at all: PostgreSQL gives every error of its own a state, so that is the pool or the driver telling of a connection
 * lost, as HikariCP's "Connection is closed" after a restart). Such a failure is the client's to retry shortly (HTTP
 * 503, a chat frame refused with a time to wait), or a background task's at its next run, not a failure of ours.
 */
public final class StoreOutage {

    private StoreOutage() {
    }

    public static boolean causedIt(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
                    || t instanceof CannotCreateTransactionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLException sql && (sql.getSQLState() == null
                    || sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
