package org.bunnybook.query.socialgraph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Cache-aside in Redis for answers about members' friendships, invalidated exactly by generations: every member has a
 * counter that the social-graph projection moves on after each change to their friendships, and every cached answer
 * is filed under the generations of the members it is about. A change therefore retires every answer about those
 * members at once, and a reader that loaded an old answer while the change happened files it under a generation no
 * one reads again. Old entries simply expire.
 * <p>
 * Redis failing costs speed, not correctness: reads fall back to Neo4j, and a generation that could not be moved on
 * is remembered and moved on as soon as Redis answers again; until then this node reads around the cache. (Another
 * node, or this one restarted, could read an outdated entry until it expires: hence a short time to live.)
 */
@Component
class FriendshipCache {

    private static final Logger log = LoggerFactory.getLogger(FriendshipCache.class);
    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);
    private static final String GENERATION = "friendships:generation:";

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();

    FriendshipCache(StringRedisTemplate redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** The answer filed under {@code name} for these members' current generations, loaded and filed if missing. */
    <T> T get(String name, List<UUID> members, TypeReference<T> type, Supplier<T> load) {
        if (!pending.isEmpty()) {
            retirePending();
            if (!pending.isEmpty()) {
                return load.get(); // cached answers may be outdated until every generation has moved on
            }
        }
        String key;
        try {
            List<String> generations = redis.opsForValue()
                    .multiGet(members.stream().map(member -> GENERATION + member).toList());
            key = "friendships:" + name + ":" + Objects.requireNonNull(generations).stream()
                    .map(generation -> generation == null ? "0" : generation)
                    .collect(Collectors.joining(":"));
            String cached = redis.opsForValue().get(key);
            if (cached != null) {
                return json.readValue(cached, type);
            }
        } catch (RuntimeException | JsonProcessingException e) {
            log.warn("friendship cache unavailable, reading the graph: {}", e.getMessage());
            return load.get();
        }
        T answer = load.get();
        try {
            redis.opsForValue().set(key, json.writeValueAsString(answer), TIME_TO_LIVE);
        } catch (RuntimeException | JsonProcessingException e) {
            log.warn("could not cache {}: {}", name, e.getMessage());
        }
        return answer;
    }

    /** Retires every cached answer about these members. */
    void changed(UUID... members) {
        pending.addAll(List.of(members));
        retirePending();
    }

    /** Keeps trying to move on the generations that could not be moved on while Redis was away. */
    @Scheduled(fixedDelay = 1000)
    void retryPending() {
        if (!pending.isEmpty() && !retirePending()) {
            log.warn("Redis unavailable: {} member(s) whose cached friendships are to be retired", pending.size());
        }
    }

    private boolean retirePending() {
        for (UUID member : pending) {
            try {
                redis.opsForValue().increment(GENERATION + member);
                pending.remove(member);
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    /** Forgets every cached answer and generation, for a rebuild of the graph. */
    void forgetEverything() {
        List<String> keys = new ArrayList<>();
        try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match("friendships:*").count(1000).build())) {
            cursor.forEachRemaining(keys::add);
            if (!keys.isEmpty()) {
                redis.delete(keys);
            }
        } catch (RuntimeException e) {
            log.warn("could not clear the friendship cache: {}", e.getMessage());
        }
    }
}
