package org.bunnybook.query.socialgraph;

import org.bunnybook.api.account.ProfileSummary;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One row of a graph read, as plain Java values (strings, longs, lists and maps), the same whichever way the graph
 * was asked ({@link GraphReads}).
 */
record GraphRow(Map<String, ?> columns) {

    String text(String column) {
        return (String) columns.get(column);
    }

    /** A column holding a list of maps, such as {@code [p IN nodes(chain) | {id: p.id}]}. */
    @SuppressWarnings("unchecked")
    List<GraphRow> rows(String column) {
        return ((List<Map<String, ?>>) columns.get(column)).stream().map(GraphRow::new).toList();
    }

    /** A row of {@code id} and {@code username}. */
    ProfileSummary profile() {
        return new ProfileSummary(UUID.fromString(text("id")), text("username"));
    }
}
