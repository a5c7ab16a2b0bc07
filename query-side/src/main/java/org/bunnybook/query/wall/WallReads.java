package org.bunnybook.query.wall;

import com.fasterxml.jackson.core.type.TypeReference;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.api.post.PostLookup;
import org.bunnybook.api.post.PostView;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.query.cache.GenerationalCache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Posts, wall pages and feeds as readers see them, from Redis where it certainly knows the answer and from
 * PostgreSQL otherwise. What is cached is the same for everyone; what depends on the reader (may they see FRIENDS
 * posts, which posts do they like) is asked of PostgreSQL by primary key. Public for the benchmarks.
 */
@Component
public class WallReads {

    private final WallStore store;
    private final FeedTimelines timelines;
    private final GenerationalCache posts;
    private final GenerationalCache wallPages;

    WallReads(WallStore store, FeedTimelines timelines, @Qualifier(WallCaches.POSTS) GenerationalCache posts,
              @Qualifier(WallCaches.WALLS) GenerationalCache wallPages) {
        this.store = store;
        this.timelines = timelines;
        this.posts = posts;
        this.wallPages = wallPages;
    }

    /** {@code viewer} is null for anonymous readers. */
    public PostLookup post(UUID id, UUID viewer) {
        PostView post = posts.getEach(List.of(id), PostView.class, store::posts).get(id);
        if (post == null) {
            return PostLookup.notFound();
        }
        if (post.privacy() == Privacy.FRIENDS && !seesEverythingOn(post.wallProfileId(), viewer)) {
            return PostLookup.hidden();
        }
        return new PostLookup(PostLookup.Outcome.VISIBLE, asSeenBy(viewer, List.of(post)).get(0));
    }

    public List<PostView> wall(UUID wall, UUID viewer, PageAfter page) {
        boolean everything = seesEverythingOn(wall, viewer);
        // the owner sees what every friend sees, and anonymous readers what every stranger sees
        UUID audience = everything ? wall : null;
        List<UUID> ids = wallPages.get(
                "%s:%s:%s:%s:%d".formatted(wall, everything ? "all" : "public", page.olderThan(), page.olderThanId(),
                        page.limit()),
                List.of(wall), new TypeReference<>() {
                }, () -> store.wall(wall, audience, page).stream().map(PostView::id).toList());
        return hydrate(ids, viewer);
    }

    public List<PostView> feed(UUID member, PageAfter page) {
        return timelines.page(member, page)
                .map(ids -> {
                    List<PostView> posts = hydrate(ids, member);
                    // a post the timeline knows and the walls read model not yet (or no more): the two projections
                    // differ for a moment, and a short page would look like the end of the feed
                    return posts.size() == ids.size() ? posts : null;
                })
                .orElseGet(() -> store.feed(member, page));
    }

    private boolean seesEverythingOn(UUID wall, UUID viewer) {
        return viewer != null && (viewer.equals(wall) || store.areFriends(wall, viewer));
    }

    /** The posts, from the post cache, as the viewer sees them; posts deleted in the meantime are left out. */
    private List<PostView> hydrate(List<UUID> ids, UUID viewer) {
        return asSeenBy(viewer, List.copyOf(posts.getEach(ids, PostView.class, store::posts).values()));
    }

    private List<PostView> asSeenBy(UUID viewer, List<PostView> found) {
        Set<UUID> liked = store.likedBy(viewer, found.stream().map(PostView::id).toList());
        return found.stream().map(post -> liked.contains(post.id()) ? likedByMe(post) : post).toList();
    }

    private static PostView likedByMe(PostView post) {
        return new PostView(post.id(), post.content(), post.createdAt(), post.updatedAt(), post.wallProfileId(),
                post.profileId(), post.privacy(), post.commentsCount(), post.username(), post.likesCount(), true);
    }
}
