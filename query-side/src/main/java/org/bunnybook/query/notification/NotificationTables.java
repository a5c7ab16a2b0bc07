package org.bunnybook.query.notification;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.projection.OwnedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every table of the notifications read model (NotificationProjection), so that a rebuild builds them beside the
 * live ones while members read those.
 */
@Configuration(proxyBeanMethods = false)
class NotificationTables {

    @Bean
    OwnedTables notificationOwnedTables() {
        return OwnedTables.of(ReadModels.NOTIFICATIONS, "notifications", "notification_post_participants",
                        "notification_friends_only_posts", "notification_friendships", "notification_marks",
                        "notification_reads")
                // pages of notifications; the projection finds its rows by id, by post or among a recipient's unread
                // ones (an erasure reads the whole table anyway)
                .withIndexesBuiltLast("notifications_page");
    }
}
