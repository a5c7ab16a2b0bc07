package org.bunnybook.query.notification;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.bunnybook.api.PersonalData.Erased;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountErased;
import org.bunnybook.api.friendship.FriendRequestAccepted;
import org.bunnybook.api.friendship.FriendRequestSent;
import org.bunnybook.api.friendship.Unfriended;
import org.bunnybook.api.notification.AllNotificationsRead;
import org.bunnybook.api.notification.NotificationType;
import org.bunnybook.api.notification.NotificationsMarked;
import org.bunnybook.api.notification.NotificationView;
import org.bunnybook.api.post.CommentDeleted;
import org.bunnybook.api.post.CommentEdited;
import org.bunnybook.api.post.PostCommented;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostDeleted;
import org.bunnybook.api.post.PostEdited;
import org.bunnybook.api.post.PostHidden;
import org.bunnybook.api.post.PostLiked;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.api.report.ReportAnswered;
import org.bunnybook.platform.push.Pushes;
import org.bunnybook.query.notification.NotificationWrite.Event;
import org.bunnybook.query.notification.NotificationWrite.FriendsOnlyPost;
import org.bunnybook.query.notification.NotificationWrite.Friendship;
import org.bunnybook.query.notification.NotificationWrite.Notify;
import org.bunnybook.query.notification.NotificationWrite.NotifyParticipants;
import org.bunnybook.query.notification.NotificationWrite.Participate;
import org.bunnybook.query.notification.NotificationWrite.Statement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns events into notifications for the members they concern (listed in docs/http-api.md), in the token's
 * transaction, and tells their browsers once the transaction has committed. A rebuild, or a first start on an
 * existing history, replays it silently: only notifications made from live events are pushed. What each event asks
 * is carried out, in order, when its processor's batch is about to commit ({@link NotificationWriter}).
 */
@Component
@ProcessingGroup(ReadModels.NOTIFICATIONS)
class NotificationProjection {

    private final JdbcClient jdbc;
    private final NotificationWriter writer;
    private final Pushes pushes;

    NotificationProjection(JdbcClient jdbc, NotificationWriter writer, Pushes pushes) {
        this.jdbc = jdbc;
        this.writer = writer;
        this.pushes = pushes;
    }

    @EventHandler
    void on(PostCreated event, EventMessage<?> message, ReplayStatus replay) {
        if (event.privacy() == Privacy.FRIENDS) {
            writer.add(new FriendsOnlyPost(event.postId(), event.wallProfileId()));
        }
        writer.add(new Participate(event.postId(), event.authorId()));
        writer.add(new Participate(event.postId(), event.wallProfileId()));
        if (!event.authorId().equals(event.wallProfileId())) {
            Event news = event(message, NotificationType.NEW_POST_ON_WALL, payload(
                    "byId", event.authorId(), "byUsername", event.authorUsername(), "postId", event.postId(),
                    "postPreview", preview(event.content())));
            List<NotificationView> pushed = pushedIfLive(replay, news);
            add(new Notify(news, event.wallProfileId(), null, pushed), pushed);
        }
    }

    /**
     * Everyone taking part in the post but the commenter, who may still see it, is notified, and the commenter takes
     * part from now on. A former friend of the wall's owner learns nothing more of a friends-only post.
     */
    @EventHandler
    void on(PostCommented event, EventMessage<?> message, ReplayStatus replay) {
        Event news = event(message, NotificationType.NEW_COMMENT_ON_POST, payload(
                "byId", event.authorId(), "byUsername", event.authorUsername(),
                "postById", event.postAuthorId(), "postByUsername", event.postAuthorUsername(),
                "postId", event.postId(), "commentId", event.commentId(), "commentPreview", preview(event.content())));
        List<NotificationView> pushed = pushedIfLive(replay, news);
        add(new NotifyParticipants(news, event.postId(), event.authorId(), pushed), pushed);
    }

    @EventHandler
    void on(PostLiked event, EventMessage<?> message, ReplayStatus replay) {
        if (!event.profileId().equals(event.postAuthorId())) {
            Event news = event(message, NotificationType.NEW_LIKE,
                    payload("byId", event.profileId(), "byUsername", event.username(), "postId", event.postId()));
            List<NotificationView> pushed = pushedIfLive(replay, news);
            add(new Notify(news, event.postAuthorId(), event.postId(), pushed), pushed);
        }
    }

    @EventHandler
    void on(PostDeleted event) {
        writer.add(new Statement(() -> forget(event.postId())));
    }

    private void forget(UUID post) {
        jdbc.sql("DELETE FROM notification_post_participants WHERE post_id = :post")
                .param("post", post).update();
        jdbc.sql("DELETE FROM notification_friends_only_posts WHERE post_id = :post")
                .param("post", post).update();
        // the post is gone from every read model, its previews included, and so are the marks on them
        jdbc.sql("""
                        WITH gone AS (DELETE FROM notifications WHERE post_id = :post
                                      RETURNING notification_id, profile_id)
                        DELETE FROM notification_marks mark USING gone
                        WHERE mark.notification_id = gone.notification_id AND mark.profile_id = gone.profile_id""")
                .param("post", post).update();
    }

    /** A preview shows what the post says now (an edit is not news: nothing is pushed). */
    @EventHandler
    void on(PostEdited event) {
        writer.add(new Statement(() -> {
            jdbc.sql("""
                            UPDATE notifications
                            SET payload = jsonb_set(payload, '{postPreview}', to_jsonb(CAST(:preview AS text)))
                            WHERE post_id = :post AND event = :type""")
                    .param("post", event.postId()).param("preview", preview(event.content()))
                    .param("type", NotificationType.NEW_POST_ON_WALL.name()).update();
        }));
    }

    @EventHandler
    void on(CommentEdited event) {
        writer.add(new Statement(() -> {
            jdbc.sql("""
                            UPDATE notifications
                            SET payload = jsonb_set(payload, '{commentPreview}', to_jsonb(CAST(:preview AS text)))
                            WHERE post_id = :post AND payload ->> 'commentId' = :comment""")
                    .param("post", event.postId()).param("comment", event.commentId().toString())
                    .param("preview", preview(event.content())).update();
        }));
    }

    /** The comment is gone from every read model, its previews included, and so are the marks on them. */
    @EventHandler
    void on(CommentDeleted event) {
        writer.add(new Statement(() -> {
            jdbc.sql("""
                            WITH gone AS (DELETE FROM notifications
                                          WHERE post_id = :post AND payload ->> 'commentId' = :comment
                                          RETURNING notification_id, profile_id)
                            DELETE FROM notification_marks mark USING gone
                            WHERE mark.notification_id = gone.notification_id AND mark.profile_id = gone.profile_id""")
                    .param("post", event.postId()).param("comment", event.commentId().toString()).update();
        }));
    }

    /**
     * Applied to the notifications there are, and remembered for those a rebuild has not added yet. Only the
     * member's own notifications take the mark: an id of someone else's marks nothing.
     */
    @EventHandler
    void on(NotificationsMarked event) {
        writer.add(new Statement(() -> {
            waitForNotificationsBeingAdded();
            String[] ids = event.notificationIds().stream().map(UUID::toString).distinct().toArray(String[]::new);
            jdbc.sql("""
                            WITH remembered AS (
                                     INSERT INTO notification_marks (notification_id, profile_id, read, visited)
                                     SELECT CAST(id AS uuid), :member, CAST(:read AS boolean), CAST(:visited AS boolean)
                                     FROM unnest(CAST(:ids AS text[])) id
                                     ON CONFLICT (notification_id, profile_id) DO UPDATE
                                         SET read = COALESCE(excluded.read, notification_marks.read),
                                             visited = COALESCE(excluded.visited, notification_marks.visited))
                            UPDATE notifications SET read = COALESCE(CAST(:read AS boolean), read),
                                                     visited = COALESCE(CAST(:visited AS boolean), visited)
                            WHERE profile_id = :member AND notification_id = ANY (CAST(:ids AS uuid[]))""")
                    .param("member", event.profileId()).param("ids", ids)
                    .param("read", event.read()).param("visited", event.visited())
                    .update();
        }));
    }

    /**
     * Everything that happened up to this event is read, including notifications added later by a rebuild; read
     * marks made before it are superseded by it (a later one, made after it, is handled after it).
     */
    @EventHandler
    void on(AllNotificationsRead event, EventMessage<?> message) {
        writer.add(new Statement(() -> {
            waitForNotificationsBeingAdded();
            jdbc.sql("""
                            WITH inbox AS (
                                     INSERT INTO notification_reads (profile_id, read_through)
                                     VALUES (:member, :through)
                                     ON CONFLICT (profile_id) DO UPDATE
                                         SET read_through = GREATEST(notification_reads.read_through,
                                                                     excluded.read_through)),
                                 superseded AS (
                                     UPDATE notification_marks SET read = NULL
                                     WHERE profile_id = :member AND read IS NOT NULL)
                            UPDATE notifications SET read = true
                            WHERE profile_id = :member AND NOT read AND created_at <= :through""")
                    .param("member", event.profileId())
                    .param("through", OffsetDateTime.ofInstant(message.getTimestamp(), ZoneOffset.UTC))
                    .update();
        }));
    }

    /** Hidden by staff after a report: its previews go, as a deleted post's do. */
    @EventHandler
    void on(PostHidden event) {
        on(new PostDeleted(event.postId(), null, event.wallProfileId(), event.hiddenBy()));
    }

    /** The reporter learns what staff answered to their report. */
    @EventHandler
    void on(ReportAnswered event, EventMessage<?> message, ReplayStatus replay) {
        notify(message, replay, event.reporterId(), NotificationType.REPORT_ANSWERED, payload(
                "reportId", event.reportId(), "subjectType", event.subjectType().name(),
                "subjectId", event.subjectId(), "answer", event.answer()));
    }

    /**
     * Their own notifications go; in everyone else's they are "erased member" and what they wrote reads
     * "[erased]" (as the events now decrypt, so a rebuild makes the same).
     */
    @EventHandler
    void on(AccountErased event) {
        writer.add(new Statement(() -> erase(event)));
    }

    private void erase(AccountErased event) {
        String id = event.profileId().toString();
        for (String table : new String[]{"notification_marks", "notification_reads", "notifications",
                "notification_post_participants"}) {
            // table names are constants of this class
            jdbc.sql("DELETE FROM " + table + " WHERE profile_id = :id").param("id", event.profileId()).update();
        }
        jdbc.sql("DELETE FROM notification_friendships WHERE profile_id = :id OR friend_id = :id")
                .param("id", event.profileId()).update();
        jdbc.sql("""
                        UPDATE notifications SET payload = payload
                            || CASE WHEN payload ->> 'byId' = :id THEN jsonb_build_object('byUsername', :member)
                                    ELSE '{}' END
                            || CASE WHEN payload ->> 'byId' = :id AND payload ->> 'postPreview' IS NOT NULL
                                    THEN jsonb_build_object('postPreview', :text) ELSE '{}' END
                            || CASE WHEN payload ->> 'byId' = :id AND payload ->> 'commentPreview' IS NOT NULL
                                    THEN jsonb_build_object('commentPreview', :text) ELSE '{}' END
                            || CASE WHEN payload ->> 'postById' = :id THEN jsonb_build_object('postByUsername', :member)
                                    ELSE '{}' END
                            || CASE WHEN payload ->> 'profileId' = :id
                                    THEN jsonb_build_object('profileUsername', :member) ELSE '{}' END
                        WHERE payload ->> 'byId' = :id OR payload ->> 'postById' = :id OR payload ->> 'profileId' = :id""")
                .param("id", id).param("member", Erased.MEMBER.placeholder()).param("text", Erased.TEXT.placeholder())
                .update();
    }

    @EventHandler
    void on(FriendRequestSent event, EventMessage<?> message, ReplayStatus replay) {
        notify(message, replay, event.targetId(), NotificationType.NEW_FRIENDSHIP_REQUEST, payload(
                "byId", event.requesterId(), "byUsername", event.requesterUsername()));
    }

    @EventHandler
    void on(Unfriended event) {
        writer.add(new Friendship(event.byId(), event.otherId(), false));
    }

    @EventHandler
    void on(FriendRequestAccepted event, EventMessage<?> message, ReplayStatus replay) {
        writer.add(new Friendship(event.requesterId(), event.targetId(), true));
        notify(message, replay, event.requesterId(), NotificationType.NEW_FRIEND, payload(
                "profileId", event.targetId(), "profileUsername", event.targetUsername()));
    }

    /**
     * A mark and a notification it concerns can be handled at once, by two segments: each statement would miss the
     * other's uncommitted row (the notification added unread, the mark applied to nothing), and the mark would be
     * lost. Marking first takes a lock that adding notifications conflicts with (SHARE against their ROW
     * EXCLUSIVE), before its own statements take their snapshots: it waits for notifications being added to commit
     * and sees them, and those added meanwhile wait for it and see the mark. Marks are rare; a deadlock between two
     * such batches is retried as any collision is.
     */
    private void waitForNotificationsBeingAdded() {
        jdbc.sql("LOCK TABLE notifications IN SHARE MODE").update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE notifications, notification_post_participants, notification_friends_only_posts,"
                + " notification_friendships, notification_marks, notification_reads").update();
    }

    private void notify(EventMessage<?> message, ReplayStatus replay, UUID recipient, NotificationType type,
                        Map<String, Object> payload) {
        Event news = event(message, type, payload);
        List<NotificationView> pushed = pushedIfLive(replay, news);
        add(new Notify(news, recipient, null, pushed), pushed);
    }

    /** Derived from the event and the recipient, so that handling an event twice notifies once. */
    static UUID notificationId(EventMessage<?> message, UUID recipient) {
        return NotificationWriter.notificationId(message.getIdentifier(), recipient);
    }

    private static Event event(EventMessage<?> message, NotificationType type, Map<String, Object> payload) {
        return new Event(message.getIdentifier(), message.getTimestamp().truncatedTo(ChronoUnit.MILLIS), type,
                payload);
    }

    /**
     * Where the writer puts the unread notifications the event added, told to their recipients once the batch has
     * committed; null for an event from the past (a rebuild, a first start on an existing history), which tells
     * nobody.
     */
    private static List<NotificationView> pushedIfLive(ReplayStatus replay, Event event) {
        return Pushes.isLive(replay, event.at()) ? new ArrayList<>() : null;
    }

    /** Adds the write, then asks for its notifications to be pushed after commit (with this event as the cause). */
    private void add(NotificationWrite write, List<NotificationView> pushed) {
        writer.add(write);
        if (pushed != null) {
            Pushes.afterCommit(() -> pushed.forEach(view ->
                    pushes.push(view.profileId(), "new_unread_notification", view)));
        }
    }

    /** Previews are the first 32 characters, then "...". */
    static String preview(String content) {
        return content.length() <= 32 ? content : content.substring(0, 32) + "...";
    }

    private static Map<String, Object> payload(Object... keysAndValues) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            payload.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return payload;
    }
}
