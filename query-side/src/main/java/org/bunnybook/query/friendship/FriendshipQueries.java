package org.bunnybook.query.friendship;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.friendship.AreFriends;
import org.bunnybook.api.friendship.FindFriendIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

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

    @QueryHandler
    List<UUID> handle(FindFriendIds query) {
        return jdbc.sql("SELECT friend_id FROM friendships WHERE profile_id = :member")
                .param("member", query.profileId())
                .query(UUID.class).list();
    }
}
