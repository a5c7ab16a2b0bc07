package org.bunnybook.platform.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Pushes through Redis: each is published on one channel that every node's relay listens to and hands to the
 * sessions it holds. While Redis is away a push is lost (logged), never an error for the sender.
 */
@Component
class RedisPushes implements Pushes {

    private static final Logger log = LoggerFactory.getLogger(RedisPushes.class);

    private final StringRedisTemplate redis;
    private final ObjectMapper json;

    RedisPushes(StringRedisTemplate redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    @Override
    public void push(UUID member, String event, Object data) {
        try {
            redis.convertAndSend(Push.CHANNEL, json.writeValueAsString(new Push(member, event, data,
                    PushCause.eventTime(), PushCause.traceParent())));
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("could not push {} to {}: {}", event, member, e.getMessage());
        }
    }
}
