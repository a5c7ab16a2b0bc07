package org.bunnybook.command.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The sessions that ended recently, in PostgreSQL ({@code revoked_sessions}, migration V20): written by
 * {@link Session} in the transaction of its {@code SessionRevoked} event, so a revocation is listed exactly when it
 * is recorded; read (query-side's {@code RevokedSessionQueries}) by every node's revocation list, which refuses the
 * access tokens of these sessions. Only the last access-token lifetime matters: older sessions' tokens have expired.
 */
@Component
class RevokedSessions {

    private static final Logger log = LoggerFactory.getLogger(RevokedSessions.class);

    private final JdbcClient jdbc;
    private final Duration kept;

    RevokedSessions(JdbcClient jdbc, @Value("${bunnybook.jwt.access-lifetime:15m}") Duration accessLifetime) {
        this.jdbc = jdbc;
        this.kept = accessLifetime.plus(Duration.ofDays(1));
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

    /**
     * Once a minute: forgets revocations that no access token can still name, a day past the access-token lifetime
     * (the nodes keep what they learnt in memory for the lifetime only).
     */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.MINUTES)
    void forgetExpired() {
        try {
            jdbc.sql("""
                            DELETE FROM revoked_sessions
                            WHERE revoked_at < clock_timestamp() - make_interval(secs => :seconds)""")
                    .param("seconds", kept.toMillis() / 1000.0)
                    .update();
        } catch (RuntimeException e) {
            log.debug("old revocations stay until the next try", e);
        }
    }
}
