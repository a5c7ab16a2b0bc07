package org.bunnybook.query.friendship;

import org.axonframework.queryhandling.QueryHandler;
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
    List<UUID> handle(FindFriendIds query) {
        return jdbc.sql("SELECT friend_id FROM friendships WHERE profile_id = :member")
                .param("member", query.profileId())
                .query(UUID.class).list();
    }
}
