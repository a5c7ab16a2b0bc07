package org.bunnybook.query.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bunnybook.platform.redis.RedisCircuit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Cache-aside in Redis, invalidated exactly by generations: every subject (a member, a post, a wall) has a counter
 * that its projection moves on after each committed change, and every cached value is filed under the generations
 * of the subjects it is about. A change therefore retires every value about the subject at once, and a reader that
 * loaded an old value while the change happened files it under a generation no one reads again. Old entries expire.
 * The namespace itself has a generation, part of every subject's, that retires the whole cache at once when the
 * read model behind it is replaced by a rebuilt copy ({@link #retireEverythingOnCommit}).
 * <p>
 * A projection whose store commits after its handler returns (PostgreSQL, in the token's transaction) first
 * {@linkplain #hold holds} the subjects it changes: while held, readers go around the cache, so nobody reads an
 * old value between the commit and the generation moving on, and a member who waited for their own write to be
 * projected sees it.
 * <p>
 * Concurrent misses of one key load it once per node: the first reader loads, the others wait for its answer, so a
 * popular value that falls out of the cache does not send a crowd to the database (no stampede).
 * <p>
 * Readers may also look values up with scripts of their own (the posts cache reads a feed page with its posts in one
 * round trip): {@code redis/generations.lua} gives them the keys, and {@link #readable()} says whether this node may.
 * <p>
 * Redis failing costs speed, not correctness: every call goes through the node's {@link RedisCircuit}, reads fall back
 * to the loader, and a generation that could not be moved on is remembered and moved on as soon as Redis answers
 * again; until then this node reads around the cache. The retirement is owed in PostgreSQL too ({@link
 * OwedRetirements}), written in the transaction of the batch that made the change: if the node cannot tell Redis
 * (Redis is unreachable from it, or it dies first), any node that reaches Redis carries the retirement out within a
 * few seconds, instead of the outdated entry being served by the others until it expires.
 */
public class GenerationalCache {

    private static final Logger log = LoggerFactory.getLogger(GenerationalCache.class);
    /** A hold whose release never came (its node died) stops sending readers around the cache after this. */
    private static final Duration HOLD_LIMIT = Duration.ofMinutes(1);
    /**
     * How long an owed retirement is left to the node that owes it (it tells Redis right after its commit) before any
     * node carries it out: well within {@link #HOLD_LIMIT}, so readers of a subject whose holder died go around the
     * cache until its generation has moved on.
     */
    private static final Duration OWNER_GRACE = Duration.ofSeconds(2);
    private static final int DRAINED_AT_ONCE = 500;
    /** The subject every value of a namespace is also filed under (see {@code redis/generations.lua}). */
    private static final String EVERYTHING = "*";
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> LOOKUP =
            LuaScripts.answeringList("generations.lua", "generational-lookup.lua");
    /**
     * Moves each subject's generation on and releases its holds in one step, so no reader sees the old generation
     * unheld. ARGV: the namespace, then pairs of subject and holds to release; one round trip for any number.
     */
    private static final RedisScript<Long> RETIRE = LuaScripts.of("""
            for i = 2, #ARGV, 2 do
                local holds = ARGV[1] .. ':holds:' .. ARGV[i]
                redis.call('INCR', ARGV[1] .. ':generation:' .. ARGV[i])
                if tonumber(ARGV[i + 1]) > 0 and tonumber(redis.call('DECRBY', holds, ARGV[i + 1])) <= 0 then
                    redis.call('DEL', holds) -- never below zero, even if the holds were forgotten meanwhile
                end
            end
            return 0""", Long.class);
    /** Holds subjects, each for at most ARGV[2] ms. ARGV: the namespace, the limit, the subjects. */
    private static final RedisScript<Long> HOLD = LuaScripts.of("""
            for i = 3, #ARGV do
                local holds = ARGV[1] .. ':holds:' .. ARGV[i]
                redis.call('INCR', holds)
                redis.call('PEXPIRE', holds, ARGV[2])
            end
            return 0""", Long.class);

    private final String namespace;
    private final Duration timeToLive;
    private final StringRedisTemplate redis;
    private final RedisCircuit circuit;
    private final OwedRetirements owed;
    private final ObjectMapper json;
    /** Subjects whose generation is still to be moved on, with the number of holds to release with it. */
    private final Map<String, Integer> pending = new ConcurrentHashMap<>();
    /** Subjects being changed that Redis could not be told about. */
    private final Set<String> heldHere = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Object>> loading = new ConcurrentHashMap<>();
    private final String holdsKey;
    private final Counter hits;
    private final Counter loads;
    private final Counter recovered;

    public GenerationalCache(String namespace, Duration timeToLive, StringRedisTemplate redis, RedisCircuit circuit,
                             OwedRetirements owed, ObjectMapper json, MeterRegistry meters) {
        this.namespace = namespace;
        this.timeToLive = timeToLive;
        this.redis = redis;
        this.circuit = circuit;
        this.owed = owed;
        this.json = json;
        this.holdsKey = GenerationalCache.class.getName() + "/holds/" + namespace;
        this.hits = meters.counter("bunnybook.cache.hits", "cache", namespace);
        this.loads = meters.counter("bunnybook.cache.loads", "cache", namespace);
        this.recovered = meters.counter("bunnybook.cache.retirements.recovered", "cache", namespace);
    }

    /** The value filed under {@code name} for these subjects' current generations, loaded and filed if missing. */
    public <T> T get(String name, Collection<?> subjects, TypeReference<T> type, Supplier<T> load) {
        if (!caching()) {
            loads.increment(); // a read around the cache is a miss, as CachedPosts counts it: the hit ratio stays true
            return load.get();
        }
        String key;
        try {
            List<?> found = lookup(name, subjects);
            key = (String) found.get(0);
            if (key == null) {
                loads.increment();
                return load.get(); // being changed
            }
            String cached = (String) found.get(1);
            if (cached != null) {
                hits.increment();
                return json.readValue(cached, type);
            }
        } catch (RuntimeException | JsonProcessingException e) {
            log.warn("{} cache unavailable, reading the source: {}", namespace, e.getMessage());
            loads.increment();
            return load.get();
        }
        return cast(loadOnce(Map.of(key, name), cached -> json.readValue(cached, type), keys -> {
            Map<String, Object> loaded = new HashMap<>();
            loaded.put(key, load.get());
            return loaded;
        }).get(key));
    }

    /**
     * Retires every cached value about these subjects, which have changed. If Redis cannot be told now, the
     * retirement is also owed in PostgreSQL, in the transaction running on this thread if there is one (a batch's,
     * committing with its token), so that another node carries it out should this one die first.
     */
    public void changed(Collection<?> subjects) {
        List<String> names = subjects.stream().map(Object::toString).distinct().toList();
        names.forEach(subject -> pending.merge(subject, 0, Integer::sum));
        if (!retirePending()) {
            owed.owe(namespace, names);
        }
    }

    /**
     * Sends readers of these subjects around the cache until the returned release runs, which retires every cached
     * value about them. Hold before changing the source, release once the change has committed (or rolled back).
     */
    public Runnable hold(Collection<?> subjects) {
        return hold(subjects.stream().map(Object::toString).distinct().toList(), List.of());
    }

    /** As {@link #hold(Collection)}, settling the owed retirements {@code owedIds} once the release has told Redis. */
    private Runnable hold(List<String> names, List<Long> owedIds) {
        if (names.isEmpty()) {
            return () -> {
            };
        }
        try {
            List<String> arguments = new ArrayList<>(List.of(namespace, Long.toString(HOLD_LIMIT.toMillis())));
            arguments.addAll(names);
            circuit.call(() -> redis.execute(HOLD, List.of(), arguments.toArray()));
        } catch (RuntimeException e) {
            // this node reads around the cache until the change has committed, then until Redis is back and the
            // generations have moved on (retiring them before the commit would let the old rows be cached again)
            log.warn("could not hold {} {}: {}", namespace, names, e.getMessage());
            heldHere.addAll(names);
            return () -> {
                names.forEach(subject -> pending.merge(subject, 0, Integer::sum));
                heldHere.removeAll(names);
                retirePending();
            };
        }
        return () -> {
            names.forEach(subject -> pending.merge(subject, 1, Integer::sum));
            if (retirePending()) {
                settle(owedIds);
            }
        };
    }

    /**
     * {@link #hold Holds} the subject for the current unit of work: every subject a batch of events changes is held in
     * one round trip as the batch is about to commit, and released in one once it has ended. Holding then rather than
     * before each change is as safe: until the commit no reader can see the change, so what it caches meanwhile is
     * retired with the old generation. The retirement is owed in PostgreSQL in the same step, inside the batch's
     * transaction, and settled once the release has told Redis. Without a unit of work the subject is held and
     * released at once.
     */
    public void holdUntilCommitted(Object subject) {
        if (!CurrentUnitOfWork.isStarted()) {
            hold(List.of(subject)).run();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Set<Object> subjects = unitOfWork.getOrComputeResource(holdsKey, key -> {
            Set<Object> changing = new LinkedHashSet<>();
            List<Runnable> releases = new ArrayList<>(1);
            unitOfWork.onPrepareCommit(u -> {
                List<String> names = changing.stream().map(Object::toString).distinct().toList();
                releases.add(hold(names, owed.owe(namespace, names)));
            });
            unitOfWork.onCleanup(u -> releases.forEach(Runnable::run));
            return changing;
        });
        subjects.add(subject);
    }

    /**
     * Retires the subject's cached values once the current unit of work has committed, without holding it: for
     * changes that nobody waits to read, as events replayed in a rebuild in place are (the read model is partial
     * until the replay ends, and read-your-writes does not wait for it). A reader may be answered the value of
     * before the commit until the generation moves on, a round trip later; nothing cached outlives the change. A
     * batch's subjects go in one round trip, with no hold before and no owed retirement in PostgreSQL (if Redis
     * cannot be told, {@link #changed} owes them there then). Without a unit of work they are retired at once.
     */
    public void retireAfterCommit(Object subject) {
        if (!CurrentUnitOfWork.isStarted()) {
            changed(List.of(subject));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Set<Object> subjects = unitOfWork.getOrComputeResource(holdsKey + "/unheld", key -> {
            Set<Object> changing = new LinkedHashSet<>();
            unitOfWork.afterCommit(u -> changed(changing));
            return changing;
        });
        subjects.add(subject);
    }

    /**
     * Retires every value of the namespace as the transaction under way on this thread commits: the one swapping the
     * cached read model's tables for a rebuilt copy, after which no value filed from the old tables may be read. As
     * {@link #holdUntilCommitted} does for a subject, it holds the namespace's own subject ({@code redis/generations.lua})
     * just before the commit, so readers go around the cache until its generation has moved on, and owes the retirement
     * in PostgreSQL in the same transaction, so that another node carries it out should this one not reach Redis.
     */
    public void retireEverythingOnCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("no transaction to retire the " + namespace + " cache with");
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            private final List<Runnable> releases = new ArrayList<>(1);

            @Override
            public void beforeCommit(boolean readOnly) {
                releases.add(hold(List.of(EVERYTHING), owed.owe(namespace, List.of(EVERYTHING))));
            }

            @Override
            public void afterCompletion(int status) {
                releases.forEach(Runnable::run); // a rollback after the hold retires everything needlessly, harmlessly
            }
        });
    }

    /**
     * Keeps trying to move on the generations that could not be moved on while Redis was away, and carries out the
     * retirements owed in PostgreSQL that their nodes have not (whichever node owed them).
     */
    @Scheduled(fixedDelay = 1000)
    void retryPending() {
        if (!pending.isEmpty() && !retirePending()) {
            log.warn("Redis unavailable: {} {} whose cached values are to be retired", pending.size(), namespace);
        }
        if (circuit.available()) {
            carryOutOwed();
        }
    }

    /**
     * Moves on the generations of the retirements owed longer than {@link #OWNER_GRACE}, then forgets them. Nodes
     * doing this at once, or with the node that owed them, only move a generation on twice: a cached value lost.
     */
    void carryOutOwed() {
        List<OwedRetirements.Owed> due;
        try {
            due = owed.owedFor(namespace, OWNER_GRACE, DRAINED_AT_ONCE);
        } catch (RuntimeException e) {
            log.debug("could not read the {} retirements owed: {}", namespace, e.getMessage());
            return;
        }
        if (due.isEmpty()) {
            return;
        }
        List<String> arguments = new ArrayList<>(1 + 2 * due.size());
        arguments.add(namespace);
        due.forEach(retirement -> {
            arguments.add(retirement.subject());
            arguments.add("0"); // holds expire by themselves; only their owner knows how many it took
        });
        try {
            circuit.call(() -> redis.execute(RETIRE, List.of(), arguments.toArray()));
        } catch (RuntimeException e) {
            return; // owed still; tried again in a second
        }
        settle(due.stream().map(OwedRetirements.Owed::id).toList());
        recovered.increment(due.size());
        log.info("retired {} {} cached values owed by a node that could not tell Redis", due.size(), namespace);
    }

    private void settle(List<Long> owedIds) {
        try {
            owed.settle(owedIds);
        } catch (RuntimeException e) {
            // carried out again later by whichever node finds them: a generation moved on twice
            log.debug("could not settle {} owed {} retirements: {}", owedIds.size(), namespace, e.getMessage());
        }
    }

    /**
     * Deletes the values cached about these subjects under any generation, once the current unit of work has
     * committed (at once without one). Retiring a generation leaves its values to expire; an erasure
     * (docs/privacy.md) cannot wait for that. Values filed about the subjects before the commit are gone with the
     * rest; readers after it are held until the generation moves on.
     */
    public void forgetValuesAbout(Collection<?> subjects) {
        Set<String> names = new HashSet<>();
        subjects.forEach(subject -> names.add(subject.toString()));
        Runnable forget = () -> {
            List<String> keys = new ArrayList<>();
            try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(namespace + ":*").count(1000)
                    .build())) {
                cursor.forEachRemaining(key -> {
                    String[] parts = key.split(":", 3);
                    if (parts.length == 3 && names.contains(parts[1])) { // <namespace>:<subject>:<generation>
                        keys.add(key);
                    }
                });
                if (!keys.isEmpty()) {
                    redis.delete(keys);
                }
            } catch (RuntimeException e) {
                log.warn("could not forget the {} cached about {}: {}", namespace, names, e.getMessage());
            }
        };
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(u -> forget.run());
        } else {
            forget.run();
        }
    }

    /**
     * Forgets every cached value, for a reset of the read model behind them. The generations stay and the namespace's
     * moves on first: forgotten, they would count up from zero again, and a value a reader files meanwhile under an
     * old generation would be read once they got back to it.
     */
    public void forgetEverything() {
        changed(List.of(EVERYTHING));
        List<String> keys = new ArrayList<>();
        try {
            circuit.run(() -> {
                try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(namespace + ":*").count(1000)
                        .build())) {
                    cursor.forEachRemaining(key -> {
                        if (!key.startsWith(namespace + ":generation:") && !key.startsWith(namespace + ":holds:")) {
                            keys.add(key);
                        }
                    });
                    if (!keys.isEmpty()) {
                        redis.delete(keys);
                    }
                }
            });
        } catch (RuntimeException e) {
            log.warn("could not clear the {} cache: {}", namespace, e.getMessage());
        }
    }

    /**
     * The keys a reader of these subjects' generations reads (in one MGET, with keys of its own if it likes): the
     * namespace's own hold and generation, then each subject's, as {@code redis/generations.lua} reads them.
     */
    public List<String> generationKeys(List<?> subjects) {
        List<String> keys = new ArrayList<>(2 + 2 * subjects.size());
        keys.add(namespace + ":holds:" + EVERYTHING);
        keys.add(namespace + ":generation:" + EVERYTHING);
        for (Object subject : subjects) {
            keys.add(namespace + ":holds:" + subject);
            keys.add(namespace + ":generation:" + subject);
        }
        return keys;
    }

    /**
     * The current generations of {@code count} subjects, from the values of {@link #generationKeys}' keys found in
     * {@code values} from {@code at} on: null for a subject held (being changed), and for all while the namespace is.
     */
    public List<String> generationsIn(List<String> values, int at, int count) {
        boolean everythingHeld = held(values.get(at));
        String everything = Objects.requireNonNullElse(values.get(at + 1), "0");
        List<String> generations = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            generations.add(everythingHeld || held(values.get(at + 2 * i)) ? null
                    : everything + "." + Objects.requireNonNullElse(values.get(at + 2 * i + 1), "0"));
        }
        return generations;
    }

    private static boolean held(String holds) {
        return holds != null && Long.parseLong(holds) > 0;
    }

    /**
     * Whether this node may read cached values now, for readers that look them up with their own scripts (see
     * {@code redis/generations.lua}): not while a generation it owes Redis has not moved on.
     */
    public boolean readable() {
        return caching();
    }

    /** Cached values may be outdated until every generation that should have moved on has. */
    private boolean caching() {
        return heldHere.isEmpty() && (pending.isEmpty() || retirePending());
    }

    /** The key and the value as {@code redis/generational-lookup.lua} answers them. */
    private List<?> lookup(String name, Collection<?> subjects) {
        List<String> arguments = new ArrayList<>(List.of(namespace, name));
        subjects.forEach(subject -> arguments.add(subject.toString()));
        return Objects.requireNonNull(circuit.call(() -> redis.execute(LOOKUP, List.of(), arguments.toArray())));
    }

    private boolean retirePending() {
        Map<String, Integer> retiring = new LinkedHashMap<>();
        for (String subject : pending.keySet()) {
            Integer holds = pending.remove(subject);
            if (holds != null) { // else retired by another thread
                retiring.put(subject, holds);
            }
        }
        if (retiring.isEmpty()) {
            return true;
        }
        List<String> arguments = new ArrayList<>(1 + 2 * retiring.size());
        arguments.add(namespace);
        retiring.forEach((subject, holds) -> {
            arguments.add(subject);
            arguments.add(holds.toString());
        });
        try {
            circuit.call(() -> redis.execute(RETIRE, List.of(), arguments.toArray()));
            return true;
        } catch (RuntimeException e) {
            retiring.forEach((subject, holds) -> pending.merge(subject, holds, Integer::sum));
            return false;
        }
    }

    /**
     * Loads the keys no one on this node is loading yet, files what was found, and waits for the rest to be loaded
     * by whoever is loading them. Answers each key's value (null for subjects that do not exist).
     */
    private <S> Map<String, Object> loadOnce(Map<String, S> keys, Parser parse,
                                            Function<Map<String, S>, Map<String, ?>> load) {
        Map<String, CompletableFuture<Object>> mine = new HashMap<>();
        Map<String, CompletableFuture<Object>> theirs = new HashMap<>();
        keys.keySet().forEach(key -> {
            CompletableFuture<Object> promise = new CompletableFuture<>();
            CompletableFuture<Object> running = loading.putIfAbsent(key, promise);
            (running == null ? mine : theirs).put(key, running == null ? promise : running);
        });
        Map<String, Object> answers = new HashMap<>();
        try {
            // a reader that finished loading one of these just before we registered has filed it already
            filedMeanwhile(mine.keySet(), parse).forEach((key, value) -> {
                answers.put(key, value);
                mine.remove(key).complete(value);
                loading.remove(key);
            });
            if (!mine.isEmpty()) {
                Map<String, S> subset = new LinkedHashMap<>();
                mine.keySet().forEach(key -> subset.put(key, keys.get(key)));
                Map<String, ?> loaded = load.apply(subset);
                loads.increment(mine.size());
                mine.forEach((key, promise) -> {
                    Object value = loaded.get(key);
                    answers.put(key, value);
                    file(key, value);
                    promise.complete(value);
                });
            }
        } catch (RuntimeException | Error e) {
            mine.values().forEach(promise -> promise.completeExceptionally(e));
            throw e;
        } finally {
            mine.forEach(loading::remove);
        }
        try {
            theirs.forEach((key, promise) -> answers.put(key, promise.join()));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return answers;
    }

    private Map<String, Object> filedMeanwhile(Collection<String> keys, Parser parse) {
        Map<String, Object> filed = new HashMap<>();
        if (keys.isEmpty()) {
            return filed;
        }
        try {
            List<String> keyList = List.copyOf(keys);
            List<String> values = Objects.requireNonNull(circuit.call(() -> redis.opsForValue().multiGet(keyList)));
            for (int i = 0; i < keyList.size(); i++) {
                if (values.get(i) != null) {
                    filed.put(keyList.get(i), parse.parse(values.get(i)));
                }
            }
        } catch (RuntimeException | JsonProcessingException e) {
            log.warn("{} cache unavailable, loading: {}", namespace, e.getMessage());
        }
        return filed;
    }

    private interface Parser {
        Object parse(String cached) throws JsonProcessingException;
    }

    private void file(String key, Object value) {
        if (value == null) {
            return;
        }
        try {
            String filed = json.writeValueAsString(value);
            circuit.run(() -> redis.opsForValue().set(key, filed, timeToLive));
        } catch (RuntimeException | JsonProcessingException e) {
            log.warn("could not cache {}: {}", key, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
