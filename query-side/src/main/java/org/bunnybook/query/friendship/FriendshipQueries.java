package org.bunnybook.query.friendship;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.friendship.AreFriends;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class FriendshipQueries {

    private final JdbcClient jdbc;

    FriendshipQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Boolean handle(AreFriends query) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM friendships WHERE profile_id = :one AND friend_id = :other)")
                .param("one", query.one())
                .param("other", query.other())
                .query(Boolean.class).single();
    }
}
