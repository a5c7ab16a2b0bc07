package org.bunnybook.web.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.bunnybook.platform.redis.RedisCircuit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Token buckets kept in Redis, so that every node spends from the same budgets, and on this node while Redis cannot
 * answer: the limits then hold per node (a cluster of n nodes lets up to n times a budget through) instead of
 * letting everything pass, each node going on from what Redis last told it remains. A request never waits on Redis for longer than {@code redis-timeout}, and asks it through
 * the node's {@link RedisCircuit}: while that is open (Redis failed this node's recent calls, whichever use made
 * them) the node counts alone without asking, so a dead Redis costs a few timeouts, not one per request.
 */
@Component
class TokenBuckets implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TokenBuckets.class);
    /** A key outlives the moment its bucket is full again by this much, then Redis forgets it. */
    private static final Duration KEPT_WHEN_FULL = Duration.ofSeconds(10);

    private final RedisConnectionFactory connectionFactory;
    private final Duration redisTimeout;
    private final RedisCircuit circuit;
    private final Cache<String, Bucket> local;
    private final AtomicBoolean connecting = new AtomicBoolean();

    private volatile StatefulConnection<String, byte[]> connection;
    private volatile ProxyManager<String> shared;
    private volatile boolean countingAlone;

    TokenBuckets(RedisConnectionFactory connectionFactory, RedisCircuit circuit, RateLimitProperties properties,
                 LimitPlans plans) {
        this.connectionFactory = connectionFactory;
        this.circuit = circuit;
        this.redisTimeout = properties.redisTimeout();
        // a bucket untouched for its whole period is full again: forgetting it then loses nothing
        Duration longestPeriod = plans.all().stream()
                .flatMap(plan -> Stream.of(plan.perAccount(), plan.perAddress()))
                .flatMap(Optional::stream).map(Budget::period)
                .max(Duration::compareTo).orElse(Duration.ofMinutes(1));
        this.local = Caffeine.newBuilder()
                .maximumSize(properties.localBuckets())
                .expireAfterAccess(longestPeriod)
                .build();
    }

    /** Takes one request from the key's budget, or says how long until there is one. */
    ConsumptionProbe take(String key, Budget budget) {
        ProxyManager<String> redis = redisIfWorthAsking();
        if (redis != null) {
            try {
                ConsumptionProbe probe = circuit.call(() -> redis.getProxy(key, budget::bucket)
                        .tryConsumeAndReturnRemaining(1));
                if (countingAlone) {
                    countingAlone = false;
                    log.info("Redis answers again: abuse limits are shared by every node again");
                }
                remember(key, budget, probe.getRemainingTokens());
                return probe;
            } catch (RuntimeException e) {
                countAlone(e);
            }
        }
        return localBucket(key, budget).tryConsumeAndReturnRemaining(1);
    }

    /**
     * Keeps this node's bucket at what Redis last said remains, so that counting alone goes on from there: a budget
     * spent through Redis stays spent when Redis stops answering halfway through it, instead of starting full.
     */
    private void remember(String key, Budget budget, long remaining) {
        Bucket bucket = localBucket(key, budget);
        synchronized (bucket) { // requests of one key at once: each read and set in turn, not each off the same read
            long difference = bucket.getAvailableTokens() - remaining;
            if (difference > 0) {
                bucket.consumeIgnoringRateLimits(difference);
            } else if (difference < 0) {
                bucket.addTokens(-difference);
            }
        }
    }

    private Bucket localBucket(String key, Budget budget) {
        return local.get(key, k -> Bucket.builder().addLimit(budget.bandwidth()).build());
    }

    /**
     * Puts back a request taken by {@link #take}: one that another budget refused after all must not cost this one.
     * Best effort: if Redis fails just now, the request stays counted.
     */
    void giveBack(String key, Budget budget) {
        ProxyManager<String> redis = redisIfWorthAsking();
        if (redis != null) {
            try {
                circuit.run(() -> redis.getProxy(key, budget::bucket).addTokens(1));
            } catch (RuntimeException e) {
                countAlone(e);
                return;
            }
        }
        // given back here too: the bucket mirrors Redis's (see remember), or is the one counted alone in
        Bucket bucket = local.getIfPresent(key);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    /** Whether the last attempt to reach Redis failed, so this node counts alone for now. */
    boolean countingAlone() {
        return countingAlone;
    }

    /** Connects once the application is up (Spring's Redis client exists then); at most one connect timeout. */
    @EventListener(ApplicationReadyEvent.class)
    void connectAtStart() {
        if (connecting.compareAndSet(false, true)) {
            connectOrCountAlone();
        }
    }

    private ProxyManager<String> redisIfWorthAsking() {
        if (!circuit.available()) {
            return null;
        }
        ProxyManager<String> redis = shared;
        if (redis == null) {
            connectInBackground(); // meanwhile, this request is counted here
        }
        return redis;
    }

    private void connectInBackground() {
        if (!connecting.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(this::connectOrCountAlone, "rate-limit-redis-connect");
        thread.setDaemon(true);
        thread.start();
    }

    private void connectOrCountAlone() {
        try {
            connect();
        } catch (RuntimeException e) {
            countAlone(e);
        } finally {
            connecting.set(false);
        }
    }

    /**
     * A connection of our own from Spring's Lettuce client: its options (commands refused at once while
     * disconnected, reconnection in the background) and its address; our own short timeout.
     */
    private void connect() {
        if (!(connectionFactory instanceof LettuceConnectionFactory lettuce)) {
            throw new IllegalStateException("abuse limits need Spring's Lettuce client for Redis");
        }
        AbstractRedisClient client = lettuce.getRequiredNativeClient();
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, byte[]> opened = cluster.connect(codec);
            opened.setTimeout(redisTimeout);
            connection = opened;
            shared = configure(Bucket4jLettuce.casBasedBuilder(opened));
        } else {
            StatefulRedisConnection<String, byte[]> opened = ((RedisClient) client).connect(codec);
            opened.setTimeout(redisTimeout);
            connection = opened;
            shared = configure(Bucket4jLettuce.casBasedBuilder(opened));
        }
    }

    private ProxyManager<String> configure(Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder) {
        return builder
                .requestTimeout(redisTimeout)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEPT_WHEN_FULL))
                .build();
    }

    private void countAlone(RuntimeException e) {
        if (!countingAlone) {
            countingAlone = true;
            log.warn("Redis does not answer ({}): abuse limits are counted on this node alone for now", e.toString());
        }
    }

    @Override
    public void destroy() {
        StatefulConnection<String, byte[]> opened = connection;
        if (opened != null) {
            opened.close();
        }
    }
}
