package org.bunnybook.query.notification;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryHandler;
import org.bunnybook.api.notification.CountUnreadNotifications;
import org.bunnybook.api.notification.FindNotifications;
import org.bunnybook.api.notification.FindNotificationsById;
import org.bunnybook.api.notification.FindNotificationsSince;
import org.bunnybook.api.notification.NotificationType;
import org.bunnybook.api.notification.NotificationView;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.query.paging.Keyset;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A member's notifications, newest first on (created_at, id); only ever the member's own. */
@Component
class NotificationQueries {

    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final RowMapper<NotificationView> view;

    NotificationQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.view = (rs, row) -> new NotificationView(rs.getObject("notification_id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getObject("profile_id", UUID.class),
                new NotificationView.Data(NotificationType.valueOf(rs.getString("event")),
                        payload(rs.getString("payload"))),
                rs.getBoolean("read"), rs.getBoolean("visited"));
    }

    @QueryHandler
    List<NotificationView> handle(FindNotifications query) {
        PageAfter page = query.page();
        return jdbc.sql("""
                        SELECT * FROM notifications n WHERE n.profile_id = :member
                        """ + Keyset.page("n.created_at", "n.notification_id"))
                .param("member", query.profileId())
                .params(Keyset.parameters(page))
                .query(view).list();
    }

    @QueryHandler
    List<NotificationView> handle(FindNotificationsSince query) {
        return jdbc.sql("""
                        SELECT * FROM notifications n WHERE n.profile_id = :member AND n.created_at >= :since
                        ORDER BY n.created_at, n.notification_id LIMIT :limit""")
                .param("member", query.profileId())
                .param("since", OffsetDateTime.ofInstant(query.since(), ZoneOffset.UTC))
                .param("limit", query.limit())
                .query(view).list();
    }

    @QueryHandler
    Integer handle(CountUnreadNotifications query) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE profile_id = :member AND NOT read")
                .param("member", query.profileId()).query(Integer.class).single();
    }

    @QueryHandler
    List<NotificationView> handle(FindNotificationsById query) {
        if (query.notificationIds().isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT * FROM notifications WHERE profile_id = :member AND notification_id IN (:ids)
                        ORDER BY created_at DESC, notification_id DESC""")
                .param("member", query.profileId())
                .param("ids", query.notificationIds())
                .query(view).list();
    }

    private Map<String, Object> payload(String payload) {
        try {
            return json.readValue(payload, PAYLOAD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
