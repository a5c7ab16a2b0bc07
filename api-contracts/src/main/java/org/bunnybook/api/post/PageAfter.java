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

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * PostgreSQL keeps microseconds: a finer cursor is cut to them, so that every store compares alike. Cursors
     * beyond the years 1-9999 mean the same as those bounds (and would be out of PostgreSQL's range).
     */
    public PageAfter {
        if (olderThan != null) {
            olderThan = olderThan.isBefore(EARLIEST) ? EARLIEST
                    : olderThan.isAfter(LATEST) ? LATEST : olderThan.truncatedTo(ChronoUnit.MICROS);
        }
    }
}
