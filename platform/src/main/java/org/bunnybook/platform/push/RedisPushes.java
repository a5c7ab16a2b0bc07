package org.bunnybook.platform.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import org.bunnybook.platform.redis.RedisCircuit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Pushes through Redis: each is published on one channel that every node's relay listens to and hands to the
 * sessions it holds. Publishing happens on a thread of its own, in the order pushes were made, so the caller never
 * waits for Redis: a chat message's push is made while its conversation is locked, and a projection's in its batch's
 * after-commit. While Redis is away (or its {@link RedisCircuit} is open) a push reaches only the sessions of this node
 * ({@link LocalDelivery}: a chat message's sender hears its acknowledgement), never an error for the sender; the
 * other nodes' sessions get what they missed when their clients resume. Past {@value #WAITING} pushes waiting to be
 * published, new ones are dropped (logged) rather than piling up.
 */
@Component
class RedisPushes implements Pushes {

    private static final Logger log = LoggerFactory.getLogger(RedisPushes.class);
    private static final int WAITING = 10_000;

    private final StringRedisTemplate redis;
    private final RedisCircuit circuit;
    private final ObjectMapper json;
    private final ObjectProvider<LocalDelivery> local;
    private final ThreadPoolExecutor publisher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(WAITING), runnable -> {
        Thread thread = new Thread(runnable, "push-publisher");
        thread.setDaemon(true);
        return thread;
    }, (push, executor) -> log.warn("{} pushes wait for Redis already: one more is dropped", WAITING));

    RedisPushes(StringRedisTemplate redis, RedisCircuit circuit, ObjectMapper json,
                ObjectProvider<LocalDelivery> local) {
        this.redis = redis;
        this.circuit = circuit;
        this.json = json;
        this.local = local;
    }

    @Override
    public void push(UUID member, String event, Object data) {
        Push push = new Push(member, event, data, PushCause.eventTime(), PushCause.traceParent());
        String message;
        try {
            message = json.writeValueAsString(push); // as the data is now, with what caused it
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("could not push {} to {}: {}", event, member, e.getMessage());
            return;
        }
        publisher.execute(() -> {
            try {
                circuit.run(() -> redis.convertAndSend(Push.CHANNEL, message));
            } catch (RuntimeException e) {
                log.warn("could not push {} to {} through Redis, only to this node's sessions: {}", event, member,
                        e.getMessage());
                local.ifAvailable(here -> here.deliverHere(push));
            }
        });
    }

    /** Publishes what waits, briefly: Redis closes right after, and what is left then could only fail. */
    @PreDestroy
    void stop() throws InterruptedException {
        publisher.shutdown();
        if (!publisher.awaitTermination(1, TimeUnit.SECONDS)) {
            publisher.shutdownNow();
        }
    }
}
