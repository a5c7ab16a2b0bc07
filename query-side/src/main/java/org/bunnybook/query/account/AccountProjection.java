package org.bunnybook.query.account;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bunnybook.api.PersonalData.Erased;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountErased;
import org.bunnybook.api.account.AccountRegistered;
import org.bunnybook.api.account.PasswordChanged;
import org.bunnybook.api.account.Role;
import org.bunnybook.api.account.RoleGranted;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Keeps the {@code accounts} table. It shares the database (and the transaction) with this group's token, so every
 * write commits together with the position it was made at; upserts make replays harmless all the same.
 */
@Component
@ProcessingGroup(ReadModels.ACCOUNTS)
class AccountProjection {

    private final JdbcClient jdbc;

    AccountProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccountRegistered event, @Timestamp Instant at) {
        if (Erased.isPlaceholder(event.username())) {
            return; // a rebuild meets the registrations of erased members: their account is gone
        }
        jdbc.sql("""
                        INSERT INTO accounts (profile_id, username, email, password_hash, role, registered_at)
                        VALUES (:id, :username, :email, :hash, :role, :at)
                        ON CONFLICT (profile_id) DO NOTHING""")
                .param("id", event.profileId())
                .param("username", event.username())
                .param("email", event.email().toLowerCase(Locale.ROOT))
                .param("hash", event.passwordHash())
                .param("role", Role.USER.name())
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
    }

    /** Gone: they cannot log in, be found or be looked up; their name and email are free again. */
    @EventHandler
    void on(AccountErased event) {
        jdbc.sql("DELETE FROM accounts WHERE profile_id = :id").param("id", event.profileId()).update();
    }

    @EventHandler
    void on(RoleGranted event) {
        jdbc.sql("UPDATE accounts SET role = :role WHERE profile_id = :id")
                .param("role", event.role().name())
                .param("id", event.profileId())
                .update();
    }

    @EventHandler
    void on(PasswordChanged event) {
        jdbc.sql("UPDATE accounts SET password_hash = :hash WHERE profile_id = :id")
                .param("hash", event.passwordHash())
                .param("id", event.profileId())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE accounts").update();
    }
}
