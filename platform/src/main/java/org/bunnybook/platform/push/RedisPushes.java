package org.bunnybook.platform.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.bunnybook.platform.redis.RedisCircuit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes through Redis: each is published on one channel that every node's relay listens to and hands to the
 * sessions it holds. Publishing happens on a thread of its own, in the order pushes were made, so the caller never
 * waits for Redis: a chat message's push is made while its conversation is locked, and a projection's in its batch's
 * after-commit. The thread publishes everything waiting at once, pipelined in one round trip (up to
 * {@value #PER_ROUND_TRIP}): one round trip waited for per push kept it to a few hundred pushes a second on a busy
 * machine, and at 500 commands/s thousands were dropped (docs/performance.md, "Ingest, third pass"). While Redis is
 * away (or its {@link RedisCircuit} is open) a push reaches only the sessions of this node ({@link LocalDelivery}: a
 * chat message's sender hears its acknowledgement), never an error for the sender; the other nodes' sessions get
 * what they missed when their clients resume. Past {@value #WAITING} pushes waiting to be published, new ones are
 * dropped, and how many is logged.
 */
@Component
class RedisPushes implements Pushes {

    private static final Logger log = LoggerFactory.getLogger(RedisPushes.class);
    private static final int WAITING = 10_000;
    private static final int PER_ROUND_TRIP = 500;
    private static final byte[] CHANNEL = Push.CHANNEL.getBytes(StandardCharsets.UTF_8);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);

    private final StringRedisTemplate redis;
    private final RedisCircuit circuit;
    private final ObjectMapper json;
    private final ObjectProvider<LocalDelivery> local;
    private final BlockingQueue<Pending> waiting = new ArrayBlockingQueue<>(WAITING);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread publisher = new Thread(this::publishWhatWaits, "push-publisher");

    RedisPushes(StringRedisTemplate redis, RedisCircuit circuit, ObjectMapper json,
                ObjectProvider<LocalDelivery> local) {
        this.redis = redis;
        this.circuit = circuit;
        this.json = json;
        this.local = local;
        publisher.setDaemon(true);
    }

    /** A push with its message, as the data was when pushed. */
    private record Pending(Push push, String message) {
    }

    @PostConstruct
    void start() {
        publisher.start();
    }

    @Override
    public void push(UUID member, String event, Object data) {
        Push push = new Push(member, event, data, PushCause.eventTime(), PushCause.traceParent());
        try {
            // as the data is now, with what caused it
            if (!waiting.offer(new Pending(push, json.writeValueAsString(push)))) {
                dropped.incrementAndGet();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("could not push {} to {}: {}", event, member, e.getMessage());
        }
    }

    private void publishWhatWaits() {
        List<Pending> round = new ArrayList<>(PER_ROUND_TRIP);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                round.add(waiting.take());
                waiting.drainTo(round, PER_ROUND_TRIP - 1);
                publish(round);
                round.clear();
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    log.warn("{} pushes waited for Redis already: {} more were dropped", WAITING, lost);
                }
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt(); // stop(): what still waits is left, Redis closes next
        }
    }

    /**
     * Sends the round's {@code PUBLISH}es on the shared connection without waiting in between, then waits for their
     * answers. (Spring's {@code executePipelined} would open a connection of its own for every round.)
     */
    @SuppressWarnings("unchecked")
    private void publish(List<Pending> round) {
        try {
            circuit.run(() -> redis.execute((RedisCallback<Void>) connection -> {
                RedisClusterAsyncCommands<byte[], byte[]> commands =
                        (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
                RedisFuture<?>[] published = round.stream()
                        .map(pending -> commands.publish(CHANNEL, pending.message().getBytes(StandardCharsets.UTF_8)))
                        .toArray(RedisFuture[]::new);
                if (!LettuceFutures.awaitAll(ANSWER_WITHIN, published)) {
                    throw new QueryTimeoutException("Redis did not answer " + round.size() + " pushes within "
                            + ANSWER_WITHIN);
                }
                return null;
            }));
        } catch (RuntimeException e) {
            log.warn("could not push {} through Redis, only to this node's sessions: {}",
                    round.size() == 1 ? round.get(0).push().event() : round.size() + " pushes", e.getMessage());
            local.ifAvailable(here -> round.forEach(pending -> here.deliverHere(pending.push())));
        }
    }

    /** Publishes what waits, briefly: Redis closes right after, and what is left then could only fail. */
    @PreDestroy
    void stop() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        publisher.interrupt();
        publisher.join(TimeUnit.SECONDS.toMillis(1));
    }
}
