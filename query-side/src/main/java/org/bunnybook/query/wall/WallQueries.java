package org.bunnybook.query.wall;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.post.CommentView;
import org.bunnybook.api.post.FindComment;
import org.bunnybook.api.post.FindComments;
import org.bunnybook.api.post.FindFeed;
import org.bunnybook.api.post.FindPost;
import org.bunnybook.api.post.FindWallPosts;
import org.bunnybook.api.post.PostLookup;
import org.bunnybook.api.post.PostView;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Answers the questions about posts, walls and feeds (through the caches) and comments (from PostgreSQL). */
@Component
class WallQueries {

    private final WallReads reads;
    private final WallStore store;

    WallQueries(WallReads reads, WallStore store) {
        this.reads = reads;
        this.store = store;
    }

    @QueryHandler
    PostLookup handle(FindPost query) {
        return reads.post(query.postId(), query.viewerId());
    }

    @QueryHandler
    List<PostView> handle(FindWallPosts query) {
        return reads.wall(query.wallProfileId(), query.viewerId(), query.page());
    }

    @QueryHandler
    List<PostView> handle(FindFeed query) {
        return reads.feed(query.profileId(), query.page());
    }

    @QueryHandler
    Optional<CommentView> handle(FindComment query) {
        return store.comment(query.commentId());
    }

    @QueryHandler
    List<CommentView> handle(FindComments query) {
        return store.comments(query.postId(), query.page());
    }
}
