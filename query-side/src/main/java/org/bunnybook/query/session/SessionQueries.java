package org.bunnybook.query.session;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.session.FindSessionsOfMember;
import org.bunnybook.api.session.SessionView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * A member's sessions that have not ended, off the partial index {@code sessions_of_member}; those whose refresh
 * token or absolute lifetime ran out are left out (they ended without an event: nothing can use them any more).
 */
@Component
class SessionQueries {

    /** A bound on what one list shows: a member logging in in a loop should not make a huge answer. */
    private static final int MOST = 100;

    private final JdbcClient jdbc;

    SessionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    List<SessionView> handle(FindSessionsOfMember query) {
        return jdbc.sql("""
                        SELECT session_id, profile_id, device, client_address, started_at, last_used_at FROM sessions
                        WHERE profile_id = :profile AND revoked_at IS NULL
                          AND last_used_at > :usedAfter AND started_at > :startedAfter
                        ORDER BY last_used_at DESC, session_id LIMIT :most""")
                .param("profile", query.profileId())
                .param("usedAfter", OffsetDateTime.ofInstant(query.usedAfter(), ZoneOffset.UTC))
                .param("startedAfter", OffsetDateTime.ofInstant(query.startedAfter(), ZoneOffset.UTC))
                .param("most", MOST)
                .query((row, number) -> new SessionView(row.getObject("session_id", UUID.class),
                        row.getObject("profile_id", UUID.class), row.getString("device"),
                        row.getString("client_address"),
                        row.getObject("started_at", OffsetDateTime.class).toInstant(),
                        row.getObject("last_used_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
