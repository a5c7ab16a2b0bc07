package org.bunnybook.query.wall;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.projection.ReadModelCopy;
import org.bunnybook.platform.redis.RedisCircuit;
import org.bunnybook.query.cache.LuaScripts;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The feed timelines' copy, built by a rebuild beside the live timelines while members' feeds are read from those: a
 * version of its own in the same Redis ({@link FeedVersions}), named after the rebuild, which the rebuild's processor
 * writes ({@link FeedTimelines} asks {@code RebuildCopies}). The copy starts from nothing and is replayed from the
 * start of history, so it keeps the timelines and the blocks from the start on, as a first start does.
 * <p>
 * The swap sets the live version's name: one atomic script, so every page after it is read from the copy and none
 * from a mix. Redis commits it before the switch's PostgreSQL transaction does, which may then fail: the rebuild's
 * hash {@code feed.rebuild} remembers the swap ({@code swapped}), so that trying the switch again swaps nothing back.
 * The retired version is deleted after the switch, or by the next rebuild should the switching node die first or a
 * newer rebuild be asked for first.
 */
@Component
class FeedTimelinesCopy implements ReadModelCopy {

    /**
     * Swaps the copy of rebuild ARGV[1] in: answers 1, or 0 if it was swapped in already. The hash keeps the name of
     * the version retired, to be deleted after the switch.
     */
    private static final RedisScript<Long> SWAP = LuaScripts.of("""
            local copy = redis.call('HMGET', 'feed.rebuild', 'rebuild', 'version', 'swapped')
            if copy[1] ~= ARGV[1] then
              return redis.error_reply('the copy of the feed timelines for rebuild ' .. ARGV[1] .. ' is gone')
            end
            if copy[3] == '1' then return 0 end
            redis.call('HSET', 'feed.rebuild', 'swapped', '1', 'retired', redis.call('GET', 'feed.live') or 'feed')
            redis.call('SET', 'feed.live', copy[2])
            return 1""", Long.class);

    private final StringRedisTemplate redis;
    private final RedisCircuit circuit;
    private final Clock clock;

    FeedTimelinesCopy(StringRedisTemplate redis, RedisCircuit circuit, Clock clock) {
        this.redis = redis;
        this.circuit = circuit;
        this.clock = clock;
    }

    @Override
    public String group() {
        return ReadModels.FEED_CACHE;
    }

    /** Clears away whatever an earlier rebuild left (a copy given up on, a retired version not yet deleted). */
    @Override
    public void create(long rebuild) {
        circuit.run(() -> {
            clearAway();
            String live = FeedVersions.live(redis);
            String version = FeedVersions.FIRST + "." + rebuild;
            if (version.equals(live)) { // the rebuilds' ids began again (a new PostgreSQL beside an old Redis)
                version += "b";
            }
            FeedVersions.delete(redis, version, key -> false);
            redis.opsForValue().set(FeedVersions.key(version, FeedVersions.TIMELINES_KEPT),
                    "kept since " + clock.instant());
            redis.opsForValue().set(FeedVersions.key(version, FeedVersions.BLOCKS_KEPT), "from the start of history");
            redis.opsForHash().putAll(FeedVersions.REBUILD,
                    Map.of("rebuild", Long.toString(rebuild), "version", version, "swapped", "0"));
        });
    }

    /** The rebuild's hash, which stays until what it names is cleared away, swapped in or not. */
    @Override
    public boolean leftBehind() {
        return Boolean.TRUE.equals(circuit.call(() -> redis.hasKey(FeedVersions.REBUILD)));
    }

    /** The rebuild's hash, which stays until the switch has committed, swapped in or not, is gone or another's. */
    @Override
    public boolean lost(long rebuild) {
        return !Long.toString(rebuild).equals(
                circuit.call(() -> redis.<String, String>opsForHash().get(FeedVersions.REBUILD, "rebuild")));
    }

    /** Also what a swap whose switch then failed to commit retired, should the rebuild be given up on after it. */
    @Override
    public void drop() {
        circuit.run(this::clearAway);
    }

    @Override
    public boolean swapIn(long rebuild) {
        Long swapped = circuit.call(() -> redis.execute(SWAP, List.of(), Long.toString(rebuild)));
        return Objects.requireNonNull(swapped) == 1;
    }

    @Override
    public void afterSwitch() {
        circuit.run(this::clearAway);
    }

    /** Deletes the rebuild's copy unless it was swapped in, else the version it retired, then the rebuild's hash. */
    private void clearAway() {
        List<String> rebuild = redis.<String, String>opsForHash()
                .multiGet(FeedVersions.REBUILD, List.of("version", "swapped", "retired"));
        String left = "1".equals(rebuild.get(1)) ? rebuild.get(2) : rebuild.get(0);
        if (left != null && !left.equals(FeedVersions.live(redis))) {
            FeedVersions.delete(redis, left, key -> false);
        }
        redis.delete(FeedVersions.REBUILD);
    }
}
