package org.bunnybook.command.session;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The sessions that ended recently, in PostgreSQL ({@code revoked_sessions}, migration V20): written by
 * {@link Session} in the transaction of its {@code SessionRevoked} event, so a revocation is listed exactly when it
 * is recorded; read by every node's revocation list (web's {@code RevocationList}), which refuses the access tokens
 * of these sessions. Only the last access-token lifetime matters: older sessions' access tokens have expired.
 */
@Component
public class RevokedSessions {

    private final JdbcClient jdbc;

    RevokedSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(UUID sessionId, UUID profileId) {
        jdbc.sql("""
                        INSERT INTO revoked_sessions (session_id, profile_id, revoked_at)
                        VALUES (:session, :profile, clock_timestamp())
                        ON CONFLICT (session_id) DO NOTHING""")
                .param("session", sessionId)
                .param("profile", profileId)
                .update();
    }

    /** The sessions revoked within {@code lookback} before now (by the database's clock, one for all nodes). */
    public List<UUID> revokedWithin(Duration lookback) {
        return jdbc.sql("""
                        SELECT session_id FROM revoked_sessions
                        WHERE revoked_at > clock_timestamp() - make_interval(secs => :seconds)""")
                .param("seconds", lookback.toMillis() / 1000.0)
                .query(UUID.class).list();
    }

    /** Forgets revocations older than {@code age}: their sessions' access tokens have expired by then. */
    public int forgetOlderThan(Duration age) {
        return jdbc.sql("""
                        DELETE FROM revoked_sessions
                        WHERE revoked_at < clock_timestamp() - make_interval(secs => :seconds)""")
                .param("seconds", age.toMillis() / 1000.0)
                .update();
    }
}
