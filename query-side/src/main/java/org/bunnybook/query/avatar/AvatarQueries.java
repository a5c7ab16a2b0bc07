package org.bunnybook.query.avatar;

import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.avatar.FindAvatar;
import org.bunnybook.api.avatar.PaintAvatar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

@Component
class AvatarQueries {

    private final JdbcClient jdbc;
    private final BunnyPainter painter;

    AvatarQueries(JdbcClient jdbc, BunnyPainter painter) {
        this.jdbc = jdbc;
        this.painter = painter;
    }

    @QueryHandler
    Optional<byte[]> handle(FindAvatar query) {
        return jdbc.sql("SELECT png FROM avatars WHERE username_key = :key")
                .param("key", query.username().toLowerCase(Locale.ROOT))
                .query(byte[].class)
                .optional();
    }

    @QueryHandler
    byte[] handle(PaintAvatar query) {
        return painter.paintPng(query.identifier());
    }
}
