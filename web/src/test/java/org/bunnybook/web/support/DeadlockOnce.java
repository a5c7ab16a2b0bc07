package org.bunnybook.web.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table that refuses the first row inserted from now on that matches a condition, as PostgreSQL refuses a
 * deadlock's loser (SQL state 40P01), and takes every row after it. The rows that match are counted in a sequence,
 * which survives the rollback of the transaction that tried. Closing it takes the trigger away again.
 */
public final class DeadlockOnce implements AutoCloseable {

    private final JdbcClient jdbc;
    private final String table;

    private DeadlockOnce(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** @param condition over the inserted row, {@code NEW}, in PL/pgSQL, e.g. {@code NEW.content LIKE 'x %'} */
    public static DeadlockOnce onInsertInto(JdbcClient jdbc, String table, String condition) {
        DeadlockOnce once = new DeadlockOnce(jdbc, table);
        try {
            jdbc.sql("CREATE SEQUENCE deadlock_once_tries").update();
            jdbc.sql("""
                    CREATE FUNCTION deadlock_once() RETURNS trigger AS $$
                    BEGIN
                      IF %s AND nextval('deadlock_once_tries') = 1 THEN
                        RAISE EXCEPTION 'simulated deadlock' USING ERRCODE = '40P01';
                      END IF;
                      RETURN NEW;
                    END $$ LANGUAGE plpgsql""".formatted(condition)).update();
            jdbc.sql("CREATE TRIGGER deadlock_once BEFORE INSERT ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION deadlock_once()").update();
        } catch (RuntimeException e) {
            once.close();
            throw e;
        }
        return once;
    }

    /** How many matching rows were tried so far, the refused one included. */
    public long tries() {
        return jdbc.sql("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM deadlock_once_tries")
                .query(Long.class).single();
    }

    @Override
    public void close() {
        jdbc.sql("DROP TRIGGER IF EXISTS deadlock_once ON " + table).update();
        jdbc.sql("DROP FUNCTION IF EXISTS deadlock_once()").update();
        jdbc.sql("DROP SEQUENCE IF EXISTS deadlock_once_tries").update();
    }
}
