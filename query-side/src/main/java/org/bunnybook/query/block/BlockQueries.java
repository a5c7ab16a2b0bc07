package org.bunnybook.query.block;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.block.BlockedMember;
import org.bunnybook.api.block.FindBlockedMembers;
import org.bunnybook.api.block.Blocking;
import org.bunnybook.api.block.FindBlocking;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Answers questions about blocks from {@code member_blocks}, with usernames from the accounts. */
@Component
class BlockQueries {

    private final JdbcClient jdbc;

    BlockQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    List<BlockedMember> handle(FindBlockedMembers query) {
        return jdbc.sql("""
                        SELECT b.blocked_id, a.username, b.blocked_at
                        FROM member_blocks b JOIN accounts a ON a.profile_id = b.blocked_id
                        WHERE b.blocker_id = :blocker
                        ORDER BY b.blocked_at DESC, b.blocked_id""")
                .param("blocker", query.blockerId())
                .query((rs, row) -> new BlockedMember(rs.getObject("blocked_id", UUID.class),
                        rs.getString("username"), rs.getObject("blocked_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    @QueryHandler
    Blocking handle(FindBlocking query) {
        if (query.viewerId() == null) {
            return Blocking.NONE;
        }
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM member_blocks WHERE blocker_id = :viewer AND blocked_id = :other)
                                   AS viewer_blocks,
                               EXISTS (SELECT 1 FROM member_blocks WHERE blocker_id = :other AND blocked_id = :viewer)
                                   AS blocks_viewer""")
                .param("viewer", query.viewerId())
                .param("other", query.otherId())
                .query((rs, row) -> new Blocking(rs.getBoolean("viewer_blocks"), rs.getBoolean("blocks_viewer")))
                .single();
    }
}
