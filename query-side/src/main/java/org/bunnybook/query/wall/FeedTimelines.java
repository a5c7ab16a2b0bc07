package org.bunnybook.query.wall;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.processing.BatchBuffers;
import org.bunnybook.platform.projection.ProjectionRebuilds;
import org.bunnybook.platform.projection.RebuildCopies;
import org.bunnybook.platform.redis.RedisCircuit;
import org.bunnybook.query.cache.GenerationalCache;
import org.bunnybook.query.cache.LuaScripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The home-feed timelines in Redis, with the members' blocks (see {@code redis/feed-timelines.lua} for how they are
 * kept exact, and {@code redis/feed-page.lua} for how a page is read with its posts and the reader's blocks). A page is
 * served from a timeline only when the timeline certainly holds it: the timeline is warm, the page is full or reaches
 * the true end of the feed, and the feed-cache projection is neither replayed in place (a rebuild builds a copy beside
 * the live timelines, {@link FeedTimelinesCopy}, which serve meanwhile) nor holding back events it could not apply
 * (dead letters, e.g. while Redis was away). Otherwise the caller asks PostgreSQL. Every key is under the live
 * version's name ({@link FeedVersions}).
 */
@Component
class FeedTimelines {

    /** How the marker begins while the timelines are replayed from nothing (see {@link #forgetEverything}). */
    private static final String REBUILDING = "rebuilding since ";
    /** Sets the live version's marker to ARGV[2] if it still reads ARGV[1]. */
    private static final RedisScript<Long> KEPT_AGAIN = LuaScripts.of("""
            local marker = (redis.call('GET', 'feed.live') or 'feed') .. ':timelines'
            if redis.call('GET', marker) ~= ARGV[1] then return 0 end
            redis.call('SET', marker, ARGV[2])
            return 1""", Long.class);

    private static final Logger log = LoggerFactory.getLogger(FeedTimelines.class);
    private static final Duration HEALTH_CHECK_INTERVAL = Duration.ofSeconds(1);
    /** Most changes a script call applies: the call holds Redis for all of them. */
    private static final int CHANGES_A_CALL = 200;
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT =
            LuaScripts.answeringList("feed-timelines.lua");
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> PAGE =
            LuaScripts.answeringList("generations.lua", "cached-posts.lua", "feed-page.lua");

    private final StringRedisTemplate redis;
    private final RedisCircuit circuit;
    private final GenerationalCache postGenerations;
    private final EventStoreTables tables;
    /** Absent where no rebuilds are coordinated (a read model's own tests): none is under way then. */
    private final ObjectProvider<ProjectionRebuilds> rebuilds;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final String capacity;
    private final BatchBuffers.Buffer<List<String>> changes;
    private final Counter servedFromTimelines;
    private final Counter sentToPostgres;
    private final Counter keptUnchanged;
    private volatile Instant distrustedAt = Instant.MIN;
    private volatile boolean healthy;

    FeedTimelines(StringRedisTemplate redis, RedisCircuit circuit,
                  @Qualifier(WallCaches.POSTS) GenerationalCache postGenerations, EventStoreTables tables,
                  ObjectProvider<ProjectionRebuilds> rebuilds, ObjectProvider<EventProcessingConfiguration> processing,
                  @Value("${bunnybook.feed.timeline-size:500}") int capacity, MeterRegistry meters,
                  BatchBuffers buffers) {
        this.redis = redis;
        this.circuit = circuit;
        this.postGenerations = postGenerations;
        this.tables = tables;
        this.rebuilds = rebuilds;
        this.processing = processing;
        this.capacity = Integer.toString(capacity);
        this.changes = buffers.buffer(this::apply);
        this.servedFromTimelines = meters.counter("bunnybook.feed.pages", "source", "timeline");
        this.sentToPostgres = meters.counter("bunnybook.feed.pages", "source", "postgres");
        this.keptUnchanged = meters.counter("bunnybook.feed.pages", "source", "kept");
    }

    /** Marks the timelines as kept from the start of history on: from here on they are trusted. */
    void start() {
        change("start", Instant.now().toString());
    }

    void posted(UUID wall, UUID post, Instant createdAt) {
        change("post", wall.toString(), entry(createdAt.toEpochMilli(), post.toString()));
    }

    void deleted(UUID wall, UUID post) {
        change("delete", wall.toString(), post.toString());
    }

    void befriended(UUID a, UUID b) {
        change("befriend", a.toString(), b.toString());
    }

    void unfriended(UUID a, UUID b) {
        change("unfriend", a.toString(), b.toString());
    }

    void blocked(UUID blocker, UUID blocked) {
        change("block", blocker.toString(), blocked.toString());
    }

    void unblocked(UUID blocker, UUID blocked) {
        change("unblock", blocker.toString(), blocked.toString());
    }

    void erased(UUID member) {
        change("erase", member.toString());
    }

    /** What {@link #page} found. */
    sealed interface Found permits Page, Unchanged {
    }

    /**
     * A page of posts as the timeline holds it, with the members the reader blocks or is blocked by, if the timelines
     * keep blocks (empty: ask PostgreSQL), and where it was read.
     */
    record Page(List<CachedPosts.Slot> posts, Optional<Set<UUID>> blockedWith, ReadAt readAt) implements Found {

        /**
         * Whether a copy of the page may be kept: its blocks came with it, and no post was held (being changed) when
         * it was read, so each is the one filed under its key, whether the cache held it or it was loaded for it.
         */
        boolean keepable() {
            return blockedWith.isPresent() && posts.stream().allMatch(slot -> slot.key() != null);
        }
    }

    /**
     * Where a page was read: the live version of the timelines, its marker (new whenever they are replayed from
     * nothing), and how many changes the member's timeline and blocks had seen.
     */
    record ReadAt(String version, String marker, String timelineChanges, String blocksChanges) {
    }

    /** The reader's kept copy of the page is still the page. */
    record Unchanged() implements Found {
    }

    /**
     * The posts of the feed page, newest first, as the posts cache holds them, with the member's blocks, if the
     * member's timeline certainly holds the page; or, if the reader keeps a copy of the page that is still the page,
     * {@link Unchanged}. One round trip, or two when a kept copy was found changed.
     */
    Optional<Found> page(UUID member, PageAfter page, FeedPages.Kept kept) {
        Optional<Found> found = fromTimeline(member, page, kept);
        (found.isEmpty() ? sentToPostgres : found.get() instanceof Unchanged ? keptUnchanged : servedFromTimelines)
                .increment();
        return found;
    }

    private Optional<Found> fromTimeline(UUID member, PageAfter page, FeedPages.Kept kept) {
        if (!healthy) {
            return Optional.empty();
        }
        List<?> answer;
        try {
            if (kept != null && unchanged(member, kept)) {
                return Optional.of(new Unchanged());
            }
            answer = Objects.requireNonNull(circuit.call(() -> redis.execute(PAGE, redis.getStringSerializer(),
                    LuaScripts.AS_BYTES, List.of(), member.toString(), before(page), Integer.toString(page.limit()))));
        } catch (RuntimeException e) {
            log.warn("feed timelines unavailable, reading PostgreSQL: {}", e.getMessage());
            distrust();
            return Optional.empty();
        }
        if (answer.isEmpty()) {
            return Optional.empty(); // Redis lost the timelines; they come back when the projection is rebuilt
        }
        ReadAt readAt = new ReadAt(LuaScripts.text(answer.get(0)), LuaScripts.text(answer.get(1)),
                LuaScripts.text(answer.get(2)), LuaScripts.text(answer.get(3)));
        boolean complete = "".equals(LuaScripts.text(answer.get(4)));
        int at = 6;
        Optional<Set<UUID>> blockedWith = Optional.empty();
        if (answer.get(5) != null) {
            int blocks = Integer.parseInt(LuaScripts.text(answer.get(5)));
            Set<UUID> members = new HashSet<>();
            for (; at < 6 + blocks; at++) {
                members.add(UUID.fromString(LuaScripts.text(answer.get(at)).substring(1))); // after '>' or '<'
            }
            blockedWith = Optional.of(members);
        }
        int entries = (answer.size() - at) / 4; // each entry, then three values of the posts cache per entry
        List<UUID> posts = new ArrayList<>(entries);
        for (int i = at; i < at + entries; i++) {
            String entry = LuaScripts.text(answer.get(i));
            posts.add(UUID.fromString(entry.substring(entry.indexOf(':') + 1)));
        }
        return posts.size() == page.limit() || complete
                ? Optional.of(new Page(CachedPosts.Slot.of(posts, answer, at + entries), blockedWith, readAt))
                : Optional.empty();
    }

    /**
     * Whether the kept copy is still the page, asked in one MGET (no script: for a page found unchanged this is its
     * only question to Redis, and a script's own work cost Redis more than its commands): the same live version with
     * the same marker, no change to the reader's timeline or blocks since (counted by {@code
     * redis/feed-timelines.lua}), the blocks still kept, and every post unheld under the same generation.
     */
    private boolean unchanged(UUID member, FeedPages.Kept kept) {
        ReadAt at = kept.readAt();
        List<String> keys = new ArrayList<>(List.of(FeedVersions.LIVE,
                FeedVersions.key(at.version(), FeedVersions.TIMELINES_KEPT),
                FeedVersions.key(at.version(), "timeline:" + member) + FeedVersions.CHANGES,
                FeedVersions.key(at.version(), "blocks:" + member) + FeedVersions.CHANGES,
                FeedVersions.key(at.version(), FeedVersions.BLOCKS_KEPT)));
        keys.addAll(postGenerations.generationKeys(kept.posts()));
        List<String> values = Objects.requireNonNull(circuit.call(() -> redis.opsForValue().multiGet(keys)));
        if (!at.version().equals(Objects.requireNonNullElse(values.get(0), FeedVersions.FIRST))
                || !at.marker().equals(values.get(1))
                || !at.timelineChanges().equals(Objects.requireNonNullElse(values.get(2), "0"))
                || !at.blocksChanges().equals(Objects.requireNonNullElse(values.get(3), "0"))
                || values.get(4) == null) {
            return false;
        }
        List<String> generations = postGenerations.generationsIn(values, 5, kept.posts().size());
        for (int i = 0; i < generations.size(); i++) {
            String generation = generations.get(i);
            if (generation == null
                    || !CachedPosts.keyOf(kept.posts().get(i), generation).equals(kept.keys().get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Forgets every timeline, for a replay of the feed-cache projection from nothing. The marker says so first, so that
     * every node's readers go to PostgreSQL from this moment on, and until a check finds the replay over
     * ({@link #checkHealth}); the replay keeps the members' blocks from the start of history, as a first start does.
     */
    void forgetEverything() {
        circuit.run(() -> {
            String version = FeedVersions.live(redis);
            String marker = FeedVersions.key(version, FeedVersions.TIMELINES_KEPT);
            redis.opsForValue().set(marker, REBUILDING + Instant.now());
            FeedVersions.delete(redis, version, marker::equals);
            redis.opsForValue().set(FeedVersions.key(version, FeedVersions.BLOCKS_KEPT), "from the start of history");
        });
    }

    /** Whether the live timelines are kept from the start of history on, and whether the blocks are kept with them. */
    record Kept(boolean timelines, boolean blocks) {
    }

    Kept kept() {
        return circuit.call(() -> {
            String version = FeedVersions.live(redis);
            return new Kept(Boolean.TRUE.equals(redis.hasKey(FeedVersions.key(version, FeedVersions.TIMELINES_KEPT))),
                    Boolean.TRUE.equals(redis.hasKey(FeedVersions.key(version, FeedVersions.BLOCKS_KEPT))));
        });
    }

    /**
     * Within a processor's batch the change waits for the batch's others, and they are applied together just before
     * the batch commits: one script call for the batch rather than one round trip per event (docs/performance.md).
     */
    private void change(String operation, String... arguments) {
        List<String> change = new ArrayList<>(1 + arguments.length);
        change.add(operation);
        change.addAll(List.of(arguments));
        changes.add(change);
    }

    private void apply(List<List<String>> batch) {
        boolean copy = RebuildCopies.beingWritten();
        for (int from = 0; from < batch.size(); from += CHANGES_A_CALL) {
            List<String> arguments = new ArrayList<>();
            arguments.add(capacity);
            arguments.add(copy ? "copy" : "live");
            batch.subList(from, Math.min(batch.size(), from + CHANGES_A_CALL)).forEach(arguments::addAll);
            try {
                circuit.call(() -> redis.execute(SCRIPT, List.of(), arguments.toArray()));
            } catch (RuntimeException e) {
                if (!copy) { // a rebuild's copy missing a change says nothing of the live timelines
                    distrust();
                }
                throw e;
            }
        }
    }

    /**
     * After Redis failed, timelines may miss changes that are about to be parked: trust them again only once a
     * health check begun a while later (which will see those dead letters) says so.
     */
    private void distrust() {
        healthy = false;
        distrustedAt = Instant.now();
    }

    /**
     * The timelines can be trusted while their projection is not being rebuilt on any node (no rebuild requested or
     * replaying, no replay token in the token store), the segments this node runs have caught up with history, and it
     * has parked nothing. Checked once a second, off the read path (a reader that ran the check's queries waited
     * milliseconds for them): a timeline that just went wrong goes on being served for up to that long (on this node
     * not at all after a Redis failure it saw itself). Timelines forgotten for a replay are served by no node until a
     * check finds the replay over and marks them kept again, unless they were forgotten once more meanwhile (the marker
     * is compared and set in one step). A replay begun outside a rebuild (a test resetting the tokens) is known by its
     * replay token, committed a moment after the timelines were forgotten: a check in that moment would trust them.
     */
    @Scheduled(fixedDelay = 1000)
    void checkHealth() {
        Instant started = Instant.now();
        if (started.isBefore(distrustedAt.plus(HEALTH_CHECK_INTERVAL))) {
            return;
        }
        boolean trusted;
        String marker = null;
        try {
            marker = circuit.call(() -> redis.opsForValue().get(
                    FeedVersions.liveKey(redis, FeedVersions.TIMELINES_KEPT)));
            EventProcessingConfiguration configuration = processing.getObject();
            ProjectionRebuilds coordinated = rebuilds.getIfAvailable();
            trusted = (coordinated == null || !coordinated.inPlaceUnderWay(ReadModels.FEED_CACHE))
                    && !tables.replaying(ReadModels.FEED_CACHE)
                    && configuration.eventProcessor(ReadModels.FEED_CACHE, StreamingEventProcessor.class)
                    .map(processor -> processor.processingStatus().values().stream()
                            .allMatch(EventTrackerStatus::isCaughtUp))
                    .orElse(false)
                    && configuration.deadLetterQueue(ReadModels.FEED_CACHE)
                    .map(queue -> queue.amountOfSequences() == 0).orElse(true);
        } catch (RuntimeException e) {
            log.warn("could not check the feed timelines (feeds are read from PostgreSQL meanwhile): {}",
                    e.getMessage());
            trusted = false;
        }
        if (trusted && marker != null && marker.startsWith(REBUILDING)) {
            trusted = keptAgain(marker);
        }
        // a Redis failure seen while checking wins over what the check found
        healthy = trusted && distrustedAt.isBefore(started);
    }

    /** Marks timelines replayed from nothing as kept, unless forgotten again since the marker read {@code replayed}. */
    private boolean keptAgain(String replayed) {
        try {
            Long kept = circuit.call(() -> redis.execute(KEPT_AGAIN, List.of(), replayed,
                    "kept since " + Instant.now()));
            if (kept != null && kept == 1) {
                log.info("the feed timelines are replayed: feed pages are read from them again");
                return true;
            }
        } catch (RuntimeException e) {
            log.warn("could not mark the feed timelines as replayed: {}", e.getMessage());
        }
        return false;
    }

    /**
     * The lexical bound just above the page: strictly older than {@code olderThan}, or strictly before the
     * (olderThan, olderThanId) entry. Entries carry milliseconds; a cursor with a finer time includes its millisecond.
     */
    private static String before(PageAfter page) {
        if (page.olderThan() == null) {
            return "+";
        }
        long millis = page.olderThan().toEpochMilli();
        if (millis < 0) {
            return "-"; // before any post
        }
        boolean finer = page.olderThan().getNano() % 1_000_000 != 0;
        if (finer) {
            return "(" + entry(millis + 1, "");
        }
        return "(" + entry(millis, page.olderThanId() == null ? "" : page.olderThanId().toString());
    }

    /**
     * A timeline's entry: the post's time in milliseconds, zero-padded to 15 digits so that entries sort by time, then
     * the post. Never a time before 1970: posts' times are their events', from the clock, and {@link #before} answers
     * earlier ones itself. Padded by hand: {@code String.format} parses its pattern at every call, 0.4 % of the JVM's
     * CPU in a busy write path (docs/performance.md, "Aggregates read with one query").
     */
    private static String entry(long millis, String post) {
        String digits = Long.toString(millis);
        return "0".repeat(Math.max(0, 15 - digits.length())) + digits + ":" + post;
    }
}
