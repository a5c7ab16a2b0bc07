package org.bunnybook.query.wall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bunnybook.api.post.PostView;
import org.bunnybook.platform.redis.RedisCircuit;
import org.bunnybook.query.cache.GenerationalCache;
import org.bunnybook.query.cache.LuaScripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Posts as everyone sees them, cached in Redis under the generations the walls projection moves on, each with the
 * members who like it ({@code redis/cached-posts.lua}): a page of posts and the reader's own likes come back in the
 * round trip that finds them, with no question to PostgreSQL. Misses are loaded from PostgreSQL with their likers in
 * one query and filed in one round trip; concurrent misses of a post load it once per node (a like retires a popular
 * post while every feed it is in is being read: the crowd waits for one load instead of going to PostgreSQL).
 */
@Component
class CachedPosts {

    /**
     * What the cache held for one post: its key (null while it is being changed) and its JSON as Redis sent it, UTF-8
     * (null if missing), parsed from the bytes.
     */
    record Slot(UUID post, String key, byte[] view, boolean liked) {

        /** The three values per post that {@code append_cached_posts} answers (as bytes), from {@code from} on. */
        static List<Slot> of(List<UUID> posts, List<?> answer, int from) {
            List<Slot> slots = new ArrayList<>(posts.size());
            for (int i = 0; i < posts.size(); i++) {
                int at = from + 3 * i;
                slots.add(new Slot(posts.get(i), LuaScripts.text(answer.get(at)), (byte[]) answer.get(at + 1),
                        answer.get(at + 2) != null));
            }
            return slots;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(CachedPosts.class);
    /**
     * The cache's own encoding of a post, not the application's mapper: that one writes instants as the HTTP contract
     * has them (ISO-8601 text), and parsing them back was a third of a cached feed page's CPU. Here they are
     * milliseconds since the epoch ({@code 1796384232123}), the precision the walls keep them in, read back without
     * a formatter or a {@code BigDecimal} (docs/performance.md); posts filed as text before still read.
     */
    private static final JsonMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ =
            LuaScripts.answeringList("generations.lua", "cached-posts.lua", "post-reads.lua");
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> FILE = LuaScripts.answeringList("file-posts.lua");
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> FILED = LuaScripts.answeringList("filed-posts.lua");

    private final StringRedisTemplate redis;
    private final RedisCircuit circuit;
    private final WallStore store;
    private final GenerationalCache generations;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final String timeToLive;
    private final Counter hits;
    private final Counter loads;
    /** The posts this node is loading, by the key they are to be filed under. */
    private final Map<String, CompletableFuture<WallStore.Liked>> loading = new ConcurrentHashMap<>();

    CachedPosts(StringRedisTemplate redis, RedisCircuit circuit, WallStore store,
                @Qualifier(WallCaches.POSTS) GenerationalCache generations, MeterRegistry meters) {
        this.redis = redis;
        this.circuit = circuit;
        this.store = store;
        this.generations = generations;
        this.reader = JSON.readerFor(PostView.class);
        this.writer = JSON.writerFor(PostView.class);
        this.timeToLive = Long.toString(WallCaches.POSTS_TIME_TO_LIVE.toMillis());
        this.hits = meters.counter("bunnybook.cache.hits", "cache", WallCaches.POSTS);
        this.loads = meters.counter("bunnybook.cache.loads", "cache", WallCaches.POSTS);
    }

    /** Where a post is filed under a generation of it (as {@code redis/cached-posts.lua} files it). */
    static String keyOf(UUID post, String generation) {
        return "posts:" + post + ":" + generation + ":with-likers";
    }

    /** The posts that exist among these, in their order, as {@code viewer} (null: anonymous) sees them. */
    List<PostView> find(List<UUID> posts, UUID viewer) {
        List<String> arguments = new ArrayList<>(posts.size() + 1);
        arguments.add(viewer == null ? "" : viewer.toString());
        posts.forEach(post -> arguments.add(post.toString()));
        List<?> answer;
        try {
            answer = Objects.requireNonNull(circuit.call(() -> redis.execute(READ, redis.getStringSerializer(),
                    LuaScripts.AS_BYTES, List.of(), arguments.toArray())));
        } catch (RuntimeException e) {
            log.warn("posts cache unavailable, reading PostgreSQL: {}", e.getMessage());
            return asSeenBy(posts.stream().map(post -> new Slot(post, null, null, false)).toList(), viewer);
        }
        return asSeenBy(Slot.of(posts, answer, 0), viewer);
    }

    /**
     * The posts of these slots that exist, in their order, as {@code viewer} sees them: those the cache held, and the
     * others from PostgreSQL (filed for the next reader unless they were being changed).
     */
    List<PostView> asSeenBy(List<Slot> slots, UUID viewer) {
        boolean readable = generations.readable();
        Set<UUID> missing = new LinkedHashSet<>();
        List<byte[]> views = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            if (readable && slot.view() != null) {
                views.add(slot.view());
            } else {
                missing.add(slot.post());
            }
        }
        Iterator<PostView> parsed = parseAll(views).iterator();
        List<PostView> found = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            boolean cached = readable && slot.view() != null;
            found.add(!cached ? null : slot.liked() ? WallStore.Liked.byViewer(parsed.next()) : parsed.next());
        }
        hits.increment(slots.size() - missing.size());
        if (missing.isEmpty()) {
            return found;
        }
        Map<UUID, WallStore.Liked> loaded = load(slots, missing, readable);
        List<PostView> answer = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            WallStore.Liked post = loaded.get(slots.get(i).post());
            if (found.get(i) != null) {
                answer.add(found.get(i));
            } else if (post != null) { // else deleted meanwhile, or not projected yet
                answer.add(post.seenBy(viewer));
            }
        }
        return answer;
    }

    /**
     * The missing posts with their likers: those another reader on this node is loading from that reader, the rest
     * from what was filed since this reader looked, else from PostgreSQL (and filed, unless being changed).
     */
    private Map<UUID, WallStore.Liked> load(List<Slot> slots, Set<UUID> missing, boolean readable) {
        Map<String, UUID> mine = new LinkedHashMap<>();
        Map<UUID, CompletableFuture<WallStore.Liked>> theirs = new HashMap<>();
        Set<UUID> unfiled = new HashSet<>(); // being changed: read from PostgreSQL, never filed
        for (Slot slot : slots) {
            if (!missing.contains(slot.post())) {
                continue;
            }
            if (!readable || slot.key() == null) {
                unfiled.add(slot.post());
                continue;
            }
            CompletableFuture<WallStore.Liked> running = loading.putIfAbsent(slot.key(), new CompletableFuture<>());
            if (running == null) {
                mine.put(slot.key(), slot.post());
            } else {
                theirs.put(slot.post(), running);
            }
        }
        Map<UUID, WallStore.Liked> answer = new HashMap<>();
        try {
            // a reader that loaded one of these just before this one registered has filed it already
            filedMeanwhile(mine.keySet()).forEach((key, post) -> {
                answer.put(mine.remove(key), post);
                finish(key, post);
            });
            Set<UUID> fromPostgres = new HashSet<>(unfiled);
            fromPostgres.addAll(mine.values());
            if (!fromPostgres.isEmpty()) {
                answer.putAll(store.postsWithLikers(fromPostgres));
                loads.increment(fromPostgres.size());
            }
            file(mine, answer);
            mine.forEach((key, post) -> finish(key, answer.get(post)));
        } catch (RuntimeException | Error e) {
            mine.keySet().forEach(key -> {
                CompletableFuture<WallStore.Liked> promise = loading.remove(key);
                if (promise != null) {
                    promise.completeExceptionally(e);
                }
            });
            throw e;
        }
        try {
            theirs.forEach((post, promise) -> {
                if (promise.join() != null) {
                    answer.put(post, promise.join());
                }
            });
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return answer;
    }

    private void finish(String key, WallStore.Liked post) {
        CompletableFuture<WallStore.Liked> promise = loading.remove(key);
        if (promise != null) {
            promise.complete(post);
        }
    }

    private Map<String, WallStore.Liked> filedMeanwhile(Set<String> keys) {
        Map<String, WallStore.Liked> filed = new HashMap<>();
        if (keys.isEmpty()) {
            return filed;
        }
        try {
            List<?> answer = Objects.requireNonNull(circuit.call(() -> redis.execute(FILED, List.of(), keys.toArray())));
            int at = 0;
            for (String key : keys) {
                String view = (String) answer.get(at);
                int likers = Integer.parseInt((String) answer.get(at + 1));
                if (view != null) {
                    List<UUID> likedBy = answer.subList(at + 2, at + 2 + likers).stream()
                            .map(liker -> UUID.fromString((String) liker)).toList();
                    PostView post = parseAll(List.of(view.getBytes(StandardCharsets.UTF_8))).get(0);
                    filed.put(key, new WallStore.Liked(post, likedBy));
                }
                at += 2 + likers;
            }
        } catch (RuntimeException e) {
            log.warn("posts cache unavailable, loading: {}", e.getMessage());
        }
        return filed;
    }

    /** Files the loaded posts under their keys, in one round trip. */
    private void file(Map<String, UUID> keys, Map<UUID, WallStore.Liked> loaded) {
        List<String> arguments = new ArrayList<>();
        arguments.add(timeToLive);
        keys.forEach((key, id) -> {
            WallStore.Liked post = loaded.get(id);
            if (post != null) {
                arguments.add(key);
                arguments.add(json(post.post()));
                arguments.add(Integer.toString(post.likers().size()));
                post.likers().forEach(liker -> arguments.add(liker.toString()));
            }
        });
        file(arguments);
    }

    private void file(List<String> arguments) {
        if (arguments.size() == 1) {
            return;
        }
        try {
            circuit.call(() -> redis.execute(FILE, List.of(), arguments.toArray()));
        } catch (RuntimeException e) {
            log.warn("could not cache posts: {}", e.getMessage());
        }
    }

    /**
     * The cached posts of a page with one parser: the posts one after the other, as a sequence of JSON values. A
     * parser per post cost as much to set up (its buffers, contexts and symbol table) as its post took to read: a
     * third of what a cached page allocated (docs/performance.md).
     */
    private List<PostView> parseAll(List<byte[]> views) {
        if (views.isEmpty()) {
            return List.of();
        }
        byte[] sequence = new byte[views.stream().mapToInt(view -> view.length + 1).sum()];
        int at = 0;
        for (byte[] view : views) {
            System.arraycopy(view, 0, sequence, at, view.length);
            at += view.length;
            sequence[at++] = ' ';
        }
        try (MappingIterator<PostView> posts = reader.readValues(sequence)) {
            return posts.readAll();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable cached posts " + LuaScripts.text(sequence), e);
        }
    }

    private String json(PostView post) {
        try {
            return writer.writeValueAsString(post);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write post " + post.id(), e);
        }
    }
}
