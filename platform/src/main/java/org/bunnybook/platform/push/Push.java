package org.bunnybook.platform.push;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One push as it travels between nodes: to whom, the {@code {"event", "data"}} envelope they receive, and its cause
 * ({@link PushCause}): when the event it tells about happened and the W3C trace parent, each null when unknown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL) // a push without a cause travels as small as before
public record Push(UUID to, String event, Object data, Instant eventTime, String traceParent) {

    /** The Redis pub/sub channel on which every node publishes pushes and from which every node relays them. */
    public static final String CHANNEL = "bunnybook:pushes";

    public Map<String, Object> envelope() {
        return data == null ? Map.of("event", event) : Map.of("event", event, "data", data);
    }
}
