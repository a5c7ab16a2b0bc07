package org.bunnybook.query.wall;

import org.bunnybook.api.post.PageAfter;
import org.bunnybook.api.post.PostLookup;
import org.bunnybook.api.post.PostView;
import org.bunnybook.api.post.Privacy;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Posts, wall pages and feeds as readers see them. A feed page comes from this node's copy of it when Redis finds the
 * copy unchanged ({@link FeedPages}), else from Redis in one round trip (the timeline's entries with the cached posts,
 * the reader's likes and blocks) where Redis certainly knows it, and from PostgreSQL otherwise; single posts come from
 * the posts cache; wall pages from PostgreSQL alone, which answers them faster than a cache did. Public for the
 * benchmarks.
 */
@Component
public class WallReads {

    private final WallStore store;
    private final FeedTimelines timelines;
    private final CachedPosts posts;
    private final FeedPages pages;

    WallReads(WallStore store, FeedTimelines timelines, CachedPosts posts, FeedPages pages) {
        this.store = store;
        this.timelines = timelines;
        this.posts = posts;
        this.pages = pages;
    }

    /** {@code viewer} is null for anonymous readers. */
    public PostLookup post(UUID id, UUID viewer) {
        List<PostView> found = posts.find(List.of(id), viewer);
        if (found.isEmpty()) {
            return PostLookup.notFound();
        }
        PostView post = found.get(0);
        if (store.blockedAcross(post, viewer)) {
            return PostLookup.notFound(); // as if it did not exist: all the blocked member may learn
        }
        if (post.privacy() == Privacy.FRIENDS && !seesEverythingOn(post.wallProfileId(), viewer)) {
            return PostLookup.hidden();
        }
        return new PostLookup(PostLookup.Outcome.VISIBLE, post);
    }

    /** The path walls are read by: PostgreSQL alone (see {@link WallCaches} for why no cache). */
    public List<PostView> wall(UUID wall, UUID viewer, PageAfter page) {
        return store.wall(wall, viewer, page);
    }

    public List<PostView> feed(UUID member, PageAfter page) {
        FeedPages.Kept kept = pages.find(member, page);
        Optional<FeedTimelines.Found> found = timelines.page(member, page, kept);
        if (found.isPresent() && found.get() instanceof FeedTimelines.Unchanged) {
            return kept.served();
        }
        if (kept != null) {
            pages.forget(member, page);
        }
        if (found.isPresent() && found.get() instanceof FeedTimelines.Page cached) {
            List<PostView> posts = this.posts.asSeenBy(cached.posts(), member);
            // a post the timeline knows and the walls read model not yet (or no more): the two projections differ
            // for a moment, and a short page would look like the end of the feed; so would a page with posts
            // across a block left out (a timeline holds posts on friends' walls whoever wrote them), which
            // PostgreSQL leaves out in SQL. The blocks come with the page, unless Redis does not keep them yet.
            Set<UUID> blocked = cached.blockedWith().orElseGet(() -> store.blockedWith(member));
            if (posts.size() == cached.posts().size() && noneAcrossBlock(posts, blocked)) {
                pages.keep(member, page, cached, posts);
                return posts;
            }
        }
        return store.feed(member, page);
    }

    private static boolean noneAcrossBlock(List<PostView> page, Set<UUID> blocked) {
        return blocked.isEmpty() || page.stream()
                .noneMatch(post -> blocked.contains(post.profileId()) || blocked.contains(post.wallProfileId()));
    }

    private boolean seesEverythingOn(UUID wall, UUID viewer) {
        return viewer != null && (viewer.equals(wall) || store.areFriends(wall, viewer));
    }
}
