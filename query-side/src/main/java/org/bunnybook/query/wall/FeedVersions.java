package org.bunnybook.query.wall;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where the feed timelines are in Redis. Every key of a version of them starts with the version's name and a colon
 * ({@code feed:timeline:<member>}, {@code feed:timelines}); the live version is named by the key {@value #LIVE}
 * ({@value #FIRST} when it is absent, as before any rebuild), so that a rebuild builds its copy under a name of its
 * own ({@link FeedTimelinesCopy}) and swaps it in by setting that one key. The scripts reading and writing the
 * timelines look the name up themselves ({@code redis/feed-timelines.lua}, {@code redis/feed-page.lua}), in the same
 * atomic call: a page is read from one version, a change written to one.
 */
public final class FeedVersions {

    /** The live version's name. */
    static final String LIVE = "feed.live";
    /** The version before any rebuild. */
    static final String FIRST = "feed";
    /** A rebuild's copy, while it is built and until what it retired is deleted: a hash (see FeedTimelinesCopy). */
    static final String REBUILD = "feed.rebuild";
    /** Present while the timelines are kept from the start of history on (see the scripts). */
    public static final String TIMELINES_KEPT = "timelines";
    /** Present while the members' blocks are kept with the timelines from the start of history on. */
    public static final String BLOCKS_KEPT = "blocks-kept";
    /** How a set's count of the changes made to it is named: {@code <set>:changes} (see the scripts). */
    public static final String CHANGES = ":changes";

    private static final int BATCH = 1000;

    private FeedVersions() {
    }

    /** The live version's name. */
    public static String live(StringRedisTemplate redis) {
        return Optional.ofNullable(redis.opsForValue().get(LIVE)).orElse(FIRST);
    }

    /** A key of the live version, e.g. {@code timeline:<member>}. */
    public static String liveKey(StringRedisTemplate redis, String name) {
        return key(live(redis), name);
    }

    static String key(String version, String name) {
        return version + ":" + name;
    }

    /** Every key of the version, but those {@code kept}, in batches: Redis frees their memory off its main thread. */
    static void delete(StringRedisTemplate redis, String version, Predicate<String> kept) {
        ScanOptions keys = ScanOptions.scanOptions().match(version + ":*").count(BATCH).build();
        try (Cursor<String> cursor = redis.scan(keys)) {
            List<String> batch = new ArrayList<>();
            while (cursor.hasNext()) {
                String key = cursor.next();
                if (!kept.test(key)) {
                    batch.add(key);
                }
                if (batch.size() == BATCH || !cursor.hasNext() && !batch.isEmpty()) {
                    redis.unlink(batch);
                    batch.clear();
                }
            }
        }
    }
}
