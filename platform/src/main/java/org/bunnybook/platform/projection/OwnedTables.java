package org.bunnybook.platform.projection;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The PostgreSQL tables a processing group owns, all of them and no others. Declared (as a bean beside the
 * projection), it lets the group be rebuilt beside its live read model instead of over it: the rebuild fills copies
 * of these tables in a schema of its own while members keep reading the live ones, and swaps them in once caught up
 * ({@link BesideLiveRebuilds}, {@link TableCopies}; a read model in another store declares a {@link ReadModelCopy}).
 * The projection must name its tables unqualified (no {@code public.}), so that its unchanged SQL writes into the
 * copies; the tables must have no foreign keys and no views on them.
 * <p>
 * {@code indexesBuiltLast} names indexes of these tables that only members' reads use, never the projection's own
 * statements: a rebuild's copies go without them while the history is replayed, and get them in one sorted build
 * each once they have nearly caught up, before they are swapped in (an index kept up row by row cost a rebuild more
 * than its table did). A projection that starts to look rows up by such an index must take it off the list.
 */
public record OwnedTables(String group, List<String> tables, Set<String> indexesBuiltLast) {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    public OwnedTables {
        tables = List.copyOf(tables);
        indexesBuiltLast = Set.copyOf(indexesBuiltLast);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException(group + " owns no tables");
        }
        for (String table : tables) {
            if (!NAME.matcher(table).matches()) { // names go into DDL: lower-case identifiers only
                throw new IllegalArgumentException("not a plain table name: " + table);
            }
        }
        for (String index : indexesBuiltLast) {
            if (!NAME.matcher(index).matches()) {
                throw new IllegalArgumentException("not a plain index name: " + index);
            }
        }
    }

    public static OwnedTables of(String group, String... tables) {
        return new OwnedTables(group, List.of(tables), Set.of());
    }

    /** The same tables, with these indexes built last by a rebuild (see above). */
    public OwnedTables withIndexesBuiltLast(String... indexes) {
        return new OwnedTables(group, tables, Set.of(indexes));
    }

    /** The schema a rebuild fills, e.g. {@code rebuild_feed_cache}. */
    String shadowSchema() {
        return "rebuild_" + group.toLowerCase().replaceAll("[^a-z0-9]", "_");
    }

    /** The schema the replaced tables pass through on their way out, within the switch's transaction. */
    String retiredSchema() {
        return "retired_" + group.toLowerCase().replaceAll("[^a-z0-9]", "_");
    }
}
