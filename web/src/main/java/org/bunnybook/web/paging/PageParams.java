package org.bunnybook.web.paging;

import io.swagger.v3.oas.annotations.Parameter;
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
 * (1 to {@value #MAX_LIMIT}; each list has its own default). Take it as {@code @ParameterObject PageParams page},
 * so that the API documentation lists the three parameters; {@link PageParamsResolver} reads and checks them.
 */
public record PageParams(
        @Parameter(name = "older_than", description = "strictly older than this instant")
        @BindParam("older_than") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant olderThan,
        @Parameter(name = "older_than_id", description = "the id of the last item seen: a tie-breaker")
        @BindParam("older_than_id") UUID olderThanId,
        @Parameter(name = "limit", description = "1 to " + MAX_LIMIT + "; each list has its own default")
        @Min(value = 1, message = "must be at least 1")
        @Max(value = MAX_LIMIT, message = "must be at most " + MAX_LIMIT) Integer limit) {

    public static final int MAX_LIMIT = 20;

    /** The page to ask a query for, {@code defaultLimit} items long unless the client named a limit. */
    public PageAfter orDefaultLimit(int defaultLimit) {
        return new PageAfter(olderThan, olderThanId, limit == null ? defaultLimit : limit);
    }
}
