package org.bunnybook.query.avatar;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bunnybook.api.PersonalData.Erased;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountErased;
import org.bunnybook.api.account.AccountRegistered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Paints each new member's bunny once and keeps it, so serving an avatar is a lookup. Painting happens here,
 * after registration, rather than in the registering request.
 */
@Component
@ProcessingGroup(ReadModels.AVATARS)
class AvatarProjection {

    private final JdbcClient jdbc;
    private final BunnyPainter painter;

    AvatarProjection(JdbcClient jdbc, BunnyPainter painter) {
        this.jdbc = jdbc;
        this.painter = painter;
    }

    @EventHandler
    void on(AccountRegistered event) {
        if (Erased.isPlaceholder(event.username())) {
            return; // a rebuild meets the registrations of erased members: nothing to paint
        }
        String identifier = event.avatarIdentifier() != null ? event.avatarIdentifier() : event.username();
        jdbc.sql("""
                        INSERT INTO avatars (username_key, profile_id, png) VALUES (:key, :id, :png)
                        ON CONFLICT (username_key) DO NOTHING""")
                .param("key", event.username().toLowerCase(Locale.ROOT))
                .param("id", event.profileId())
                .param("png", painter.paintPng(identifier))
                .update();
    }

    @EventHandler
    void on(AccountErased event) {
        jdbc.sql("DELETE FROM avatars WHERE profile_id = :id").param("id", event.profileId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE avatars").update();
    }
}
