package org.bunnybook.api.post;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Where a newest-first page starts: strictly older than {@code olderThan}, or, when {@code olderThanId} names the last
 * item seen, strictly after it in (time, id) order, which never skips or repeats items of one millisecond.
 * Both null: the newest items.
 */
public record PageAfter(Instant olderThan, UUID olderThanId, int limit) {

    /** PostgreSQL keeps microseconds: a finer cursor is cut to them, so that every store compares alike. */
    public PageAfter {
        olderThan = olderThan == null ? null : olderThan.truncatedTo(ChronoUnit.MICROS);
    }
}
