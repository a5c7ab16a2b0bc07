package org.bunnybook.query.notification;

import org.bunnybook.api.notification.NotificationType;
import org.bunnybook.api.notification.NotificationView;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one event asks of the notifications read model, gathered over a processor's batch by
 * {@link NotificationWriter} and carried out in the events' order when the batch is about to commit.
 */
sealed interface NotificationWrite {

    /** {@code member} takes part in {@code post} from now on: later comments notify them. */
    record Participate(UUID post, UUID member) implements NotificationWrite {
    }

    /** {@code post}, on {@code wall}'s wall, shows to its owner and the owner's friends only. */
    record FriendsOnlyPost(UUID post, UUID wall) implements NotificationWrite {
    }

    /** {@code a} and {@code b} became friends, or stopped being friends. */
    record Friendship(UUID a, UUID b, boolean friends) implements NotificationWrite {
    }

    /**
     * A notification for {@code recipient}, if they may see {@code post} ({@code null}: about no post). Unread
     * ones actually added go into {@code pushed} (null: nobody is told, the event comes from the past).
     */
    record Notify(Event event, UUID recipient, UUID post, List<NotificationView> pushed) implements NotificationWrite {
    }

    /**
     * A notification for everyone taking part in {@code post} but {@code commenter} who may still see it; then the
     * commenter takes part.
     */
    record NotifyParticipants(Event event, UUID post, UUID commenter, List<NotificationView> pushed)
            implements NotificationWrite {
    }

    /** Anything else, done where it stands among the rest (deletions, edits, marks, erasures). */
    record Statement(Runnable run) implements NotificationWrite {
    }

    /** The event a notification comes from: its id (which, with the recipient's, makes the notification's id). */
    record Event(String id, Instant at, NotificationType type, Map<String, Object> payload) {
    }
}
