package org.bunnybook.query.wall;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.projection.CopiesSwappedIn;
import org.bunnybook.platform.projection.OwnedTables;
import org.bunnybook.query.cache.GenerationalCache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Every table of the walls read model (WallProjection), so that a rebuild builds them beside the live ones while
 * members read those; the posts cached from the live tables are retired as the rebuilt ones are swapped in.
 */
@Configuration(proxyBeanMethods = false)
class WallTables {

    private final GenerationalCache posts;

    WallTables(@Qualifier(WallCaches.POSTS) GenerationalCache posts) {
        this.posts = posts;
    }

    @Bean
    OwnedTables wallOwnedTables() {
        return OwnedTables.of(ReadModels.WALLS, "posts", "comments", "post_likes")
                // wall pages and a member's likes; the projection finds rows by their keys, comments by post (a
                // post deleted) and posts and comments by author (an account erased)
                .withIndexesBuiltLast("posts_by_wall", "post_likes_by_member");
    }

    /** Cached from the tables the copies replace, a post may differ from what the rebuilt ones hold. */
    @EventListener
    void retireCachedPosts(CopiesSwappedIn swapped) {
        if (swapped.group().equals(ReadModels.WALLS)) {
            posts.retireEverythingOnCommit();
        }
    }
}
