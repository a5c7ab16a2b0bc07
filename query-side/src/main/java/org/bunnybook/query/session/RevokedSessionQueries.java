package org.bunnybook.query.session;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.session.FindRevokedSessions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Reads {@code revoked_sessions}, which the command side's {@code Session} writes in the transaction of each
 * revocation (so a revocation is listed exactly when it is recorded), for every node's revocation list.
 */
@Component
class RevokedSessionQueries {

    private final JdbcClient jdbc;

    RevokedSessionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    List<UUID> handle(FindRevokedSessions query) {
        return jdbc.sql("""
                        SELECT session_id FROM revoked_sessions
                        WHERE revoked_at > clock_timestamp() - make_interval(secs => :seconds)""")
                .param("seconds", query.within().toMillis() / 1000.0)
                .query(UUID.class).list();
    }
}
