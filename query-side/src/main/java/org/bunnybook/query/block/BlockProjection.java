package org.bunnybook.query.block;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountErased;
import org.bunnybook.api.block.MemberBlocked;
import org.bunnybook.api.block.MemberUnblocked;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Keeps the {@code member_blocks} table, in the friendships group: a block comes with the end of the pair's
 * friendship, and readers that judge visibility in SQL read both tables, so one token moves them together.
 */
@Component
@ProcessingGroup(ReadModels.FRIENDSHIPS)
class BlockProjection {

    private final JdbcClient jdbc;

    BlockProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MemberBlocked event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO member_blocks (blocker_id, blocked_id, blocked_at) VALUES (:blocker, :blocked, :at)
                        ON CONFLICT DO NOTHING""")
                .param("blocker", event.blockerId())
                .param("blocked", event.blockedId())
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
    }

    @EventHandler
    void on(MemberUnblocked event) {
        jdbc.sql("DELETE FROM member_blocks WHERE blocker_id = :blocker AND blocked_id = :blocked")
                .param("blocker", event.blockerId())
                .param("blocked", event.blockedId())
                .update();
    }

    /** An erased member blocks nobody and is blocked by nobody: there is no one left to hide. */
    @EventHandler
    void on(AccountErased event) {
        jdbc.sql("DELETE FROM member_blocks WHERE blocker_id = :id OR blocked_id = :id")
                .param("id", event.profileId())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE member_blocks").update();
    }
}
