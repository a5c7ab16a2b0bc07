package org.bunnybook.platform.push;

import java.util.Map;
import java.util.UUID;

/** One push as it travels between nodes: to whom, and the {@code {"event", "data"}} envelope they receive. */
public record Push(UUID to, String event, Object data) {

    /** The Redis pub/sub channel on which every node publishes pushes and from which every node relays them. */
    public static final String CHANNEL = "bunnybook:pushes";

    public Map<String, Object> envelope() {
        return data == null ? Map.of("event", event) : Map.of("event", event, "data", data);
    }
}
