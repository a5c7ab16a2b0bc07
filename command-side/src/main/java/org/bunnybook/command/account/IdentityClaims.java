package org.bunnybook.command.account;

import org.bunnybook.api.account.EmailAlreadyTaken;
import org.bunnybook.api.account.UsernameAlreadyTaken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.UUID;

/**
 * The command side's own record of which usernames and emails are taken. A primary key on each value makes the
 * database the arbiter: of two concurrent registrations for one name, PostgreSQL makes the second
 * {@code INSERT ... ON CONFLICT DO NOTHING} wait for the first and then insert nothing, so exactly one wins,
 * on one node or many.
 */
@Component
class IdentityClaims {

    private final JdbcClient jdbc;

    IdentityClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Must run inside the command's transaction, so that a refused registration releases what it claimed. */
    void claim(UUID profileId, String username, String email) {
        if (!insert("claimed_usernames", "username_key", username.toLowerCase(Locale.ROOT), profileId)) {
            throw new UsernameAlreadyTaken(username);
        }
        if (!insert("claimed_emails", "email", email.toLowerCase(Locale.ROOT), profileId)) {
            throw new EmailAlreadyTaken(email);
        }
    }

    /** Frees what an erased member claimed (in the erasure's transaction): nothing of theirs is kept in the clear. */
    void release(UUID profileId) {
        jdbc.sql("DELETE FROM claimed_usernames WHERE profile_id = :profileId").param("profileId", profileId).update();
        jdbc.sql("DELETE FROM claimed_emails WHERE profile_id = :profileId").param("profileId", profileId).update();
    }

    private boolean insert(String table, String column, String value, UUID profileId) {
        // table and column are constants of this class, never input
        return jdbc.sql("INSERT INTO " + table + " (" + column + ", profile_id) VALUES (:value, :profileId)"
                        + " ON CONFLICT DO NOTHING")
                .param("value", value)
                .param("profileId", profileId)
                .update() == 1;
    }
}
