package org.bunnybook.query.wall;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.api.post.PostView;
import org.bunnybook.query.cache.GenerationalCache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.util.List;
import java.util.UUID;

/**
 * This node's copies of the feed pages it served from Redis, each with where it was read ({@link FeedTimelines.Page}):
 * a reader's next look at the same page first asks Redis, in one MGET, whether anything on it changed since (the
 * reader's timeline and blocks count their changes, every post has its generation), and gets the copy if not
 * ({@link FeedTimelines}). The question is asked of Redis, where every node's changes are: a copy is as fresh as the
 * posts cache, on every node, read-your-writes included. What it saves is the page's script in Redis (the range, the
 * posts' hashes) and reading the posts' JSON here: about a quarter of a cached page's CPU (docs/performance.md, "Feed
 * pages kept by the nodes that serve them"); a page found changed costs the MGET more.
 * <p>
 * Only pages read with their blocks and with no post held are kept: a change holds a post before it commits and moves
 * its generation on after, so a post loaded from PostgreSQL for a page under an unheld key is the one that key stands
 * for until it changes. A copy found changed is dropped (the read that found it keeps the new page), and every copy
 * after ten minutes: an erased member's posts do not outlive their pages here by long (docs/privacy.md).
 * <p>
 * The copies count on every node's {@code feed-timelines.lua} counting its changes: a cluster upgraded node by node
 * from a version before it runs with {@code bunnybook.feed.kept-pages-memory=0} (no copies) until every node is.
 */
@Component
class FeedPages {

    /** A kept copy: where its page was read, its posts with the keys they were found under, and the posts as served. */
    record Kept(FeedTimelines.ReadAt readAt, List<UUID> posts, List<String> keys, List<PostView> served) {
    }

    private record Key(UUID member, PageAfter page) {
    }

    /** What a copy costs the heap besides its posts: the entry, its key and where it was read. */
    private static final int PAGE_OVERHEAD_BYTES = 600;
    /** What a post costs besides its text: the record, its UUIDs and instants, its key in the posts cache. */
    private static final int POST_OVERHEAD_BYTES = 600;

    private final GenerationalCache postGenerations;
    private final boolean keeping;
    private final Cache<Key, Kept> kept;

    /**
     * Copies live no longer than the posts cache's entries do: whatever might keep a copy unchanged while its page
     * changed (Redis losing its last writes in a crash, say) lasts no longer for them than for the cache.
     */
    FeedPages(@Qualifier(WallCaches.POSTS) GenerationalCache postGenerations,
              @Value("${bunnybook.feed.kept-pages-memory:64MB}") DataSize memory) {
        this.postGenerations = postGenerations;
        this.keeping = memory.toBytes() > 0;
        this.kept = Caffeine.newBuilder().maximumWeight(memory.toBytes())
                .weigher((Key key, Kept page) -> weight(page)).expireAfterWrite(WallCaches.POSTS_TIME_TO_LIVE).build();
    }

    /**
     * The copy of this page kept here, if any, and if this node may read the posts cache now (not while a generation it
     * owes Redis has not moved on: the copy's posts may be among them).
     */
    Kept find(UUID member, PageAfter page) {
        return keeping && postGenerations.readable() ? kept.getIfPresent(new Key(member, page)) : null;
    }

    /** Keeps the page as served, if it may be kept. */
    void keep(UUID member, PageAfter page, FeedTimelines.Page read, List<PostView> served) {
        if (keeping && read.keepable() && postGenerations.readable()) {
            kept.put(new Key(member, page), new Kept(read.readAt(),
                    read.posts().stream().map(CachedPosts.Slot::post).toList(),
                    read.posts().stream().map(CachedPosts.Slot::key).toList(), List.copyOf(served)));
        }
    }

    /** Forgets the copy: Redis found it changed. */
    void forget(UUID member, PageAfter page) {
        kept.invalidate(new Key(member, page));
    }

    private static int weight(Kept page) {
        long bytes = PAGE_OVERHEAD_BYTES;
        for (PostView post : page.served()) {
            bytes += POST_OVERHEAD_BYTES + 2L * (length(post.content()) + length(post.username()));
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
