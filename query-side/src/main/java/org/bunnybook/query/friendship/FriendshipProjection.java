package org.bunnybook.query.friendship;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bunnybook.api.PersonalData.Erased;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountErased;
import org.bunnybook.api.friendship.FriendRequestAccepted;
import org.bunnybook.api.friendship.Unfriended;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Keeps the {@code friendships} table, both directions of each friendship, in the token's transaction. */
@Component
@ProcessingGroup(ReadModels.FRIENDSHIPS)
class FriendshipProjection {

    private final JdbcClient jdbc;

    FriendshipProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A friendship with a member since erased reads their name as a placeholder (its key is gone) and is not kept:
     * the group's segments handle the friendship's and the account's events side by side, so in a rebuild the
     * erasure may come first, and this must come to the same table as the live order did.
     */
    @EventHandler
    void on(FriendRequestAccepted event, @Timestamp Instant at) {
        if (Erased.isPlaceholder(event.requesterUsername()) || Erased.isPlaceholder(event.targetUsername())) {
            return;
        }
        befriend(event.requesterId(), event.targetId(), event.targetUsername(), at);
        befriend(event.targetId(), event.requesterId(), event.requesterUsername(), at);
    }

    @EventHandler
    void on(Unfriended event) {
        jdbc.sql("""
                        DELETE FROM friendships
                        WHERE (profile_id = :a AND friend_id = :b) OR (profile_id = :b AND friend_id = :a)""")
                .param("a", event.byId())
                .param("b", event.otherId())
                .update();
    }

    /** Their friendships go with them: nobody is friends with an erased member (docs/privacy.md). */
    @EventHandler
    void on(AccountErased event) {
        jdbc.sql("DELETE FROM friendships WHERE profile_id = :id OR friend_id = :id")
                .param("id", event.profileId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE friendships").update();
    }

    private void befriend(UUID profile, UUID friend, String friendUsername, Instant since) {
        jdbc.sql("""
                        INSERT INTO friendships (profile_id, friend_id, friend_username, since)
                        VALUES (:profile, :friend, :username, :since)
                        ON CONFLICT DO NOTHING""")
                .param("profile", profile)
                .param("friend", friend)
                .param("username", friendUsername)
                .param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .update();
    }
}
