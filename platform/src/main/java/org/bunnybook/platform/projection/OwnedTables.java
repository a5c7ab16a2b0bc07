package org.bunnybook.platform.projection;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The PostgreSQL tables a processing group owns, all of them and no others. Declared (as a bean beside the
 * projection), it lets the group be rebuilt beside its live read model instead of over it: the rebuild fills copies
 * of these tables in a schema of its own while members keep reading the live ones, and swaps them in once caught up
 * ({@link BesideLiveRebuilds}). The projection must name its tables unqualified (no {@code public.}), so that its
 * unchanged SQL writes into the copies; the tables must have no foreign keys and no views on them.
 */
public record OwnedTables(String group, List<String> tables) {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    public OwnedTables {
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException(group + " owns no tables");
        }
        for (String table : tables) {
            if (!NAME.matcher(table).matches()) { // names go into DDL: lower-case identifiers only
                throw new IllegalArgumentException("not a plain table name: " + table);
            }
        }
    }

    public static OwnedTables of(String group, String... tables) {
        return new OwnedTables(group, List.of(tables));
    }

    /** The schema a rebuild fills, e.g. {@code rebuild_feed_cache}. */
    String shadowSchema() {
        return "rebuild_" + group.toLowerCase().replaceAll("[^a-z0-9]", "_");
    }

    /** The schema the replaced tables pass through on their way out, within the switch's transaction. */
    String retiredSchema() {
        return "retired_" + group.toLowerCase().replaceAll("[^a-z0-9]", "_");
    }

    /** The name the rebuild's processor keeps its tokens and parked events under. */
    String shadowProcessor() {
        return group + ".rebuild";
    }
}
