package org.bunnybook.platform.projection;

import org.axonframework.common.transaction.TransactionManager;
import org.bunnybook.platform.Conflict;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The copies of a group's tables ({@link OwnedTables}) that a rebuild beside the live read model fills, in a schema of
 * their own, and the swap that makes them live. Copies keep every column, default, check, primary key, unique
 * constraint and index of the live table, under the same names, so that once swapped in nothing tells them from
 * tables Flyway made; the indexes a group builds last ({@link OwnedTables#indexesBuiltLast()}) are made on them just
 * before that. The rebuild's processor writes them through {@link ShadowSearchPath}.
 */
final class TableCopies implements ReadModelCopy {

    /** Rows a copy must have gained beyond doubling before it is analysed again while it is built. */
    private static final int GROWN_BY = 1_000;
    private static final Pattern INDEXED_TABLE = Pattern.compile(" ON (ONLY )?(public\\.)?(\\w+) USING ");

    private final OwnedTables owned;
    private final JdbcClient jdbc;

    TableCopies(OwnedTables owned, JdbcClient jdbc) {
        this.owned = owned;
        this.jdbc = jdbc;
    }

    @Override
    public String group() {
        return owned.group();
    }

    @Override
    public TransactionManager transactions(TransactionManager live) {
        return new ShadowSearchPath(live, jdbc, owned.shadowSchema(), owned.tables());
    }

    /** Refuses tables a swap would break: foreign keys and views follow a table, not its name. */
    @Override
    public void checkSwappable() {
        for (String table : owned.tables()) {
            if (jdbc.sql("SELECT to_regclass(:name) IS NULL").param("name", "public." + table)
                    .query(Boolean.class).single()) {
                throw new Conflict(owned.group() + " declares a table that does not exist: " + table);
            }
            boolean tied = jdbc.sql("""
                            SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f'
                                           AND (conrelid = :table::regclass OR confrelid = :table::regclass))
                                OR EXISTS (SELECT 1 FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
                                           WHERE d.refobjid = :table::regclass AND r.ev_class <> d.refobjid)""")
                    .param("table", "public." + table).query(Boolean.class).single();
            if (tied) {
                throw new Conflict(owned.group() + " cannot be rebuilt beside the live model: " + table
                        + " has foreign keys or views");
            }
        }
        for (String index : owned.indexesBuiltLast()) {
            if (owned.tables().stream().noneMatch(table -> otherIndexes(table).containsKey(index))) {
                throw new Conflict(owned.group() + " builds last an index none of its tables has, or one that backs"
                        + " a constraint: " + index);
            }
        }
    }

    /** Empty copies of the live tables in the group's own schema, replacing any left from an earlier attempt. */
    @Override
    public void create(long rebuild) {
        String schema = owned.shadowSchema();
        jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
        jdbc.sql("CREATE SCHEMA " + schema).update();
        for (String table : owned.tables()) {
            String copy = schema + "." + table;
            // indexes are made below under their live names; LIKE would name them after the columns
            jdbc.sql("CREATE TABLE " + copy + " (LIKE public." + table + " INCLUDING ALL EXCLUDING INDEXES)")
                    .update();
            constraintsWithIndexes(table, copy).forEach(ddl -> jdbc.sql(ddl).update());
            otherIndexes(table).forEach((index, definition) -> {
                if (!owned.indexesBuiltLast().contains(index)) {
                    jdbc.sql(onCopy(definition, copy)).update();
                }
            });
        }
    }

    /**
     * Makes on the copies the indexes the group builds last that they do not have yet, each in one sorted pass over
     * the rows (the copies' writers wait meanwhile), and answers whether it made any.
     */
    @Override
    public boolean completeLeft() {
        boolean built = false;
        for (String table : owned.tables()) {
            for (Map.Entry<String, String> index : otherIndexes(table).entrySet()) {
                if (owned.indexesBuiltLast().contains(index.getKey()) && jdbc.sql("SELECT to_regclass(:name) IS NULL")
                        .param("name", owned.shadowSchema() + "." + index.getKey()).query(Boolean.class).single()) {
                    jdbc.sql(onCopy(index.getValue(), owned.shadowSchema() + "." + table)).update();
                    built = true;
                }
            }
        }
        return built;
    }

    /** The copies, locked against their writers. */
    @Override
    public void lock() {
        jdbc.sql("SET LOCAL lock_timeout = '2s'").update();
        jdbc.sql("LOCK TABLE " + String.join(", ", owned.tables().stream()
                .map(table -> owned.shadowSchema() + "." + table).toList()) + " IN ACCESS EXCLUSIVE MODE").update();
    }

    /**
     * In the caller's transaction: the copies take the live tables' place and the live ones are dropped. Queries
     * waiting for the live tables meanwhile find the copies when they get their turn (PostgreSQL looks names up
     * again after a lock wait, and re-plans prepared statements whose tables changed).
     */
    @Override
    public boolean swapIn(long rebuild) {
        String retired = owned.retiredSchema();
        jdbc.sql("DROP SCHEMA IF EXISTS " + retired + " CASCADE").update();
        jdbc.sql("CREATE SCHEMA " + retired).update();
        for (String table : owned.tables()) {
            jdbc.sql("ALTER TABLE public." + table + " SET SCHEMA " + retired).update();
            jdbc.sql("ALTER TABLE " + owned.shadowSchema() + "." + table + " SET SCHEMA public").update();
            keepSequences(retired, table);
        }
        jdbc.sql("DROP SCHEMA " + retired + " CASCADE").update();
        jdbc.sql("DROP SCHEMA " + owned.shadowSchema() + " CASCADE").update();
        return true;
    }

    /**
     * Fresh planner statistics for the copies that have more than doubled since they were last analysed (by at least
     * {@link #GROWN_BY} rows), while the history is replayed into them. The copies start empty, and the plan PostgreSQL
     * keeps for a prepared statement once it has run a few times, made while a copy was small, went on scanning the
     * whole table at every execution as it grew: a walls rebuild scanned the copy of posts 6,738 times (78 million
     * rows) and took twice as long (docs/performance.md, "Walls rebuilt beside the live tables"). Analysing a table
     * makes PostgreSQL plan its statements again.
     */
    @Override
    public void whileBuilding() {
        List<String> grown = jdbc.sql("""
                        SELECT c.relname FROM pg_class c
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        JOIN pg_stat_user_tables s ON s.relid = c.oid
                        WHERE n.nspname = :schema AND c.relname = ANY (CAST(:tables AS text[]))
                          AND s.n_live_tup > 2 * greatest(c.reltuples, 0) + :grownBy""")
                .param("schema", owned.shadowSchema()).param("tables", owned.tables().toArray(String[]::new))
                .param("grownBy", GROWN_BY)
                .query(String.class).list();
        grown.forEach(table -> jdbc.sql("ANALYZE " + owned.shadowSchema() + "." + table).update());
    }

    /** Fresh planner statistics for the copies, so the first queries after the swap plan as well as before. */
    @Override
    public void beforeSwitching() {
        for (String table : owned.tables()) {
            jdbc.sql("ANALYZE " + owned.shadowSchema() + "." + table).update();
        }
    }

    /** The swap drops what it retired in its own transaction: only copies not swapped in can be left. */
    @Override
    public boolean leftBehind() {
        return copiesExist();
    }

    /** The copies are swapped in only by the transaction that finishes the rebuild: gone before, they are lost. */
    @Override
    public boolean lost(long rebuild) {
        return !copiesExist();
    }

    @Override
    public void drop() {
        jdbc.sql("DROP SCHEMA IF EXISTS " + owned.shadowSchema() + " CASCADE").update();
    }

    private boolean copiesExist() {
        return jdbc.sql("SELECT to_regnamespace(:schema) IS NOT NULL").param("schema", owned.shadowSchema())
                .query(Boolean.class).single();
    }

    private List<String> constraintsWithIndexes(String table, String copy) {
        return jdbc.sql("""
                        SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', :copy, conname, pg_get_constraintdef(oid))
                        FROM pg_constraint WHERE conrelid = :table::regclass AND contype IN ('p', 'u', 'x')
                        ORDER BY conname""")
                .param("copy", copy).param("table", "public." + table).query(String.class).list();
    }

    /** The live table's indexes that back no constraint: each one's name and its definition, in creation order. */
    private Map<String, String> otherIndexes(String table) {
        Map<String, String> indexes = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i
                        JOIN pg_class c ON c.oid = i.indexrelid
                        WHERE i.indrelid = :table::regclass
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                        ORDER BY i.indexrelid""")
                .param("table", "public." + table)
                .query(rs -> {
                    indexes.put(rs.getString(1), rs.getString(2));
                });
        return indexes;
    }

    private static String onCopy(String indexDefinition, String copy) {
        Matcher on = INDEXED_TABLE.matcher(indexDefinition);
        if (!on.find()) {
            throw new IllegalStateException("cannot tell which table this index is on: " + indexDefinition);
        }
        return indexDefinition.substring(0, on.start()) + " ON " + copy + " USING "
                + indexDefinition.substring(on.end());
    }

    /**
     * A serial column's sequence belongs to the table it was made for and moved out with it; the copy's default
     * draws from it too, so it comes back, now owned by the copy, instead of being dropped with the old table.
     */
    private void keepSequences(String retired, String table) {
        List<String[]> sequences = jdbc.sql("""
                        SELECT s.relname, a.attname FROM pg_depend d
                        JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
                        JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                        WHERE d.classid = 'pg_class'::regclass AND d.refobjid = :table::regclass AND d.deptype = 'a'""")
                .param("table", retired + "." + table)
                .query((rs, row) -> new String[]{rs.getString(1), rs.getString(2)}).list();
        for (String[] sequence : sequences) {
            String name = jdbc.sql("SELECT format('%I.%I', :schema, :name)").param("schema", retired)
                    .param("name", sequence[0]).query(String.class).single();
            String column = jdbc.sql("SELECT format('public.%I.%I', :table, :column)").param("table", table)
                    .param("column", sequence[1]).query(String.class).single();
            jdbc.sql("ALTER SEQUENCE " + name + " OWNED BY " + column).update();
            jdbc.sql("ALTER SEQUENCE " + name + " SET SCHEMA public").update();
        }
    }
}
