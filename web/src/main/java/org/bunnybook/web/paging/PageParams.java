package org.bunnybook.web.paging;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.bunnybook.api.post.PageAfter;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.BindParam;

import java.time.Instant;
import java.util.UUID;

/**
 * A newest-first page as every list of the API asks for it, bound from the query parameters {@code older_than},
 * {@code older_than_id} (the id of the last item seen: a tie-breaker for items of one millisecond) and {@code limit}
 * (1 to {@value #MAX_LIMIT}; each list has its own default). Bind it with {@code @Valid PageParams page}.
 */
public record PageParams(
        @BindParam("older_than") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant olderThan,
        @BindParam("older_than_id") UUID olderThanId,
        @Min(value = 1, message = "must be at least 1")
        @Max(value = MAX_LIMIT, message = "must be at most " + MAX_LIMIT) Integer limit) {

    public static final int MAX_LIMIT = 20;

    /** The page to ask a query for, {@code defaultLimit} items long unless the client named a limit. */
    public PageAfter orDefaultLimit(int defaultLimit) {
        return new PageAfter(olderThan, olderThanId, limit == null ? defaultLimit : limit);
    }
}
