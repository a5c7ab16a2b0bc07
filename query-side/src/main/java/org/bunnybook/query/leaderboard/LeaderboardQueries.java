package org.bunnybook.query.leaderboard;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.leaderboard.ActiveBunnyView;
import org.bunnybook.api.leaderboard.FindMostActiveBunnies;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/** Reads the leaderboard off its ranking index ({@code leaderboard_ranking}), in the order the index keeps. */
@Component
class LeaderboardQueries {

    private final JdbcClient jdbc;

    LeaderboardQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    List<ActiveBunnyView> handle(FindMostActiveBunnies query) {
        return jdbc.sql("""
                        SELECT profile_id, username, posts, comments, likes, score FROM leaderboard_members
                        WHERE score > 0 ORDER BY score DESC, username, profile_id LIMIT :limit""")
                .param("limit", query.limit())
                .query(ActiveBunnyView.class) // columns to components by name, profile_id to profileId
                .list();
    }
}
