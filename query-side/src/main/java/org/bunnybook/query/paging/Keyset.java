package org.bunnybook.query.paging;

import org.bunnybook.api.post.PageAfter;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Newest-first keyset pages in SQL on a (time, id) pair of columns, as {@link PageAfter} describes them: strictly
 * older than the cursor's time, or strictly before its (time, id), so items of one millisecond are never skipped or
 * repeated. The SQL uses the parameters {@code :olderThan}, {@code :olderThanId} and {@code :limit};
 * {@link #parameters} gives their values.
 */
public final class Keyset {

    private Keyset() {
    }

    /** " AND (past the cursor) ORDER BY time DESC, id DESC LIMIT :limit", to end a query's WHERE clause. */
    public static String page(String time, String id) {
        return """
                 AND (CAST(:olderThan AS timestamptz) IS NULL
                      OR (CAST(:olderThanId AS uuid) IS NULL AND %1$s < :olderThan)
                      OR (%1$s, %2$s) < (:olderThan, :olderThanId))
                ORDER BY %1$s DESC, %2$s DESC LIMIT :limit""".formatted(time, id);
    }

    /** The values of the page's parameters, for {@code JdbcClient.StatementSpec.params}. */
    public static Map<String, Object> parameters(PageAfter page) {
        Map<String, Object> parameters = new HashMap<>(); // values may be null
        parameters.put("olderThan", page.olderThan() == null ? null
                : OffsetDateTime.ofInstant(page.olderThan(), ZoneOffset.UTC));
        parameters.put("olderThanId", page.olderThanId());
        parameters.put("limit", page.limit());
        return parameters;
    }
}
