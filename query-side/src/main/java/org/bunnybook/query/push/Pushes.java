package org.bunnybook.query.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Sends a server → client message to every connected session of a member, whichever node holds them: messages are
 * published on one Redis channel that every node's relay listens to. Pushes are signals, not records: what they
 * tell is also in a read model that clients load on connect, so a push lost while Redis is away costs liveness,
 * not data.
 */
@Component
public class Pushes {

    /** The Redis pub/sub channel every node relays to its own WebSocket sessions. */
    public static final String CHANNEL = "bunnybook:pushes";

    private static final Logger log = LoggerFactory.getLogger(Pushes.class);
    private static final Duration LIVE = Duration.ofMinutes(1);

    private final StringRedisTemplate redis;
    private final ObjectMapper json;

    Pushes(StringRedisTemplate redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** {@code {"event": event, "data": data}} to every session of {@code member}. */
    public void push(UUID member, String event, Object data) {
        try {
            redis.convertAndSend(CHANNEL, json.writeValueAsString(new Push(member, event, data)));
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("could not push {} to {}: {}", event, member, e.getMessage());
        }
    }

    /**
     * Whether an event is happening now rather than being replayed: not part of a rebuild, and recent (a projection
     * deployed for the first time, or catching up after a long stop, goes through old events too).
     */
    public static boolean isLive(ReplayStatus replay, Instant at) {
        return !replay.isReplay() && at.isAfter(Instant.now().minus(LIVE));
    }

    /** Runs {@code push} once the current unit of work (and the read model's transaction) has committed. */
    public static void afterCommit(Runnable push) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> push.run());
        } else {
            push.run();
        }
    }

    /** What travels on the channel. */
    public record Push(UUID to, String event, Object data) {

        public Map<String, Object> envelope() {
            return data == null ? Map.of("event", event) : Map.of("event", event, "data", data);
        }
    }
}
