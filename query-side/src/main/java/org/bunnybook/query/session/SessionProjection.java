package org.bunnybook.query.session;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountErased;
import org.bunnybook.api.session.LostRefreshRepeated;
import org.bunnybook.api.session.RefreshTokenRotated;
import org.bunnybook.api.session.SessionRevoked;
import org.bunnybook.api.session.SessionStarted;
import org.bunnybook.platform.command.RequestOrigin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Keeps the {@code sessions} table: each session's device, the address it was last used from (the request origin
 * recorded on the event) and when it began and was last used. Upserts and monotonic updates make replays harmless.
 */
@Component
@ProcessingGroup(ReadModels.SESSIONS)
class SessionProjection {

    private final JdbcClient jdbc;

    SessionProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SessionStarted event, @Timestamp Instant at,
            @MetaDataValue(RequestOrigin.CLIENT_ADDRESS) String clientAddress) {
        jdbc.sql("""
                        INSERT INTO sessions (session_id, profile_id, device, client_address, started_at, last_used_at)
                        VALUES (:id, :profile, :device, :address, :at, :at)
                        ON CONFLICT (session_id) DO NOTHING""")
                .param("id", event.sessionId())
                .param("profile", event.profileId())
                .param("device", event.device())
                .param("address", clientAddress)
                .param("at", utc(at))
                .update();
    }

    @EventHandler
    void on(RefreshTokenRotated event, @Timestamp Instant at,
            @MetaDataValue(RequestOrigin.CLIENT_ADDRESS) String clientAddress) {
        used(event.sessionId(), at, clientAddress);
    }

    @EventHandler
    void on(LostRefreshRepeated event, @Timestamp Instant at,
            @MetaDataValue(RequestOrigin.CLIENT_ADDRESS) String clientAddress) {
        used(event.sessionId(), at, clientAddress);
    }

    @EventHandler
    void on(SessionRevoked event, @Timestamp Instant at) {
        jdbc.sql("UPDATE sessions SET revoked_at = :at, revoked_for = :reason WHERE session_id = :id"
                        + " AND revoked_at IS NULL")
                .param("at", utc(at))
                .param("reason", event.reason().name())
                .param("id", event.sessionId())
                .update();
    }

    /** Their sessions stay listed as ended, without the device and address they were used from. */
    @EventHandler
    void on(AccountErased event) {
        jdbc.sql("UPDATE sessions SET device = NULL, client_address = NULL WHERE profile_id = :id")
                .param("id", event.profileId()).update();
    }

    private void used(UUID sessionId, Instant at, String clientAddress) {
        jdbc.sql("""
                        UPDATE sessions SET last_used_at = :at, client_address = coalesce(:address, client_address)
                        WHERE session_id = :id AND last_used_at <= :at""")
                .param("at", utc(at))
                .param("address", clientAddress)
                .param("id", sessionId)
                .update();
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE sessions").update();
    }
}
