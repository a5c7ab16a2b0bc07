package org.bunnybook.web.leaderboard;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.leaderboard.ActiveBunnyView;
import org.bunnybook.api.leaderboard.FindMostActiveBunnies;
import org.bunnybook.api.post.PostCommented;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostDeleted;
import org.bunnybook.api.post.PostLiked;
import org.bunnybook.api.post.PostUnliked;
import org.bunnybook.api.post.Privacy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Members who exist only in the events a test gives (no account behind them), the post events they cause, and the
 * leaderboard seen through the query bus, narrowed to them: the board is shared with every other test's members.
 */
record Bunny(UUID id, String username) {

    /** The aggregate type post events belong to. */
    static final String POST = "Post";

    /** Bunnies whose names start with {@code names} and share one random ending, so they sort as the names do. */
    static List<Bunny> named(String... names) {
        String ending = UUID.randomUUID().toString().substring(0, 8);
        return Arrays.stream(names).map(name -> new Bunny(UUID.randomUUID(), name + ending)).toList();
    }

    /** This bunny's entry as the board should show it. */
    ActiveBunnyView counted(int posts, int comments, int likes) {
        return new ActiveBunnyView(id, username, posts, comments, likes, 3 * posts + 2 * comments + likes);
    }

    PostCreated writes(UUID post) {
        return new PostCreated(post, id, username, id, "carrots are " + post, Privacy.PUBLIC);
    }

    PostCommented comments(UUID post, Bunny author) {
        return new PostCommented(post, UUID.randomUUID(), id, username, "so true", author.id, author.username,
                author.id);
    }

    PostLiked likes(UUID post, Bunny author) {
        return new PostLiked(post, id, username, author.id, author.id);
    }

    PostUnliked unlikes(UUID post) {
        return new PostUnliked(post, id);
    }

    PostDeleted deletes(UUID post) {
        return new PostDeleted(post, id, id, id);
    }

    /** The whole board, in its order, with only {@code bunnies} left in. */
    static List<ActiveBunnyView> board(QueryGateway queries, List<Bunny> bunnies) {
        Set<UUID> ids = bunnies.stream().map(Bunny::id).collect(Collectors.toSet());
        return queries.query(new FindMostActiveBunnies(100_000), ResponseTypes.multipleInstancesOf(ActiveBunnyView.class))
                .join().stream().filter(entry -> ids.contains(entry.profileId())).toList();
    }
}
