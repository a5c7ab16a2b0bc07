package org.bunnybook.query.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns events into notifications for the members they concern (listed in docs/http-api.md), in the token's
 * transaction, and tells their browsers once the transaction has committed. A rebuild, or a first start on an
 * existing history, replays it silently: only notifications made from live events are pushed.
 */
@Component
@ProcessingGroup(ReadModels.NOTIFICATIONS)
class NotificationProjection {

    /**
     * Whether {@code participant.profile_id} may see post {@code :post}: the walls' rule (docs/http-api.md), a
     * friends-only post shows to its wall's owner and the owner's friends.
     */
    private static final String MAY_SEE_POST = """
            NOT EXISTS (SELECT 1 FROM notification_friends_only_posts fop
                        WHERE fop.post_id = :post AND fop.wall_profile_id <> participant.profile_id
                          AND NOT EXISTS (SELECT 1 FROM notification_friendships nf
                                          WHERE nf.profile_id = fop.wall_profile_id
                                            AND nf.friend_id = participant.profile_id))
            """;

    /**
     * The flags a notification is added with: what its recipient marked on it, or else whether they had marked
     * everything read after its event happened (a rebuild meets marks before the notifications they mark).
     */
    private static final String MARKED = """
            COALESCE(mark.read, inbox.read_through >= :at, false), COALESCE(mark.visited, false)
            """;
    private static final String MARKS_OF_PARTICIPANT = """
            LEFT JOIN notification_marks mark
                   ON mark.notification_id = participant.notification_id AND mark.profile_id = participant.profile_id
            LEFT JOIN notification_reads inbox ON inbox.profile_id = participant.profile_id
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Pushes pushes;

    NotificationProjection(JdbcClient jdbc, ObjectMapper json, Pushes pushes) {
        this.jdbc = jdbc;
        this.json = json;
        this.pushes = pushes;
    }

    @EventHandler
    void on(PostCreated event, EventMessage<?> message, ReplayStatus replay) {
        if (event.privacy() == Privacy.FRIENDS) {
            jdbc.sql("INSERT INTO notification_friends_only_posts (post_id, wall_profile_id) VALUES (:post, :wall)"
                            + " ON CONFLICT DO NOTHING")
                    .param("post", event.postId()).param("wall", event.wallProfileId()).update();
        }
        participate(event.postId(), event.authorId());
        participate(event.postId(), event.wallProfileId());
        if (!event.authorId().equals(event.wallProfileId())) {
            notify(message, replay, event.wallProfileId(), NotificationType.NEW_POST_ON_WALL, payload(
                    "byId", event.authorId(), "byUsername", event.authorUsername(), "postId", event.postId(),
                    "postPreview", preview(event.content())));
        }
    }

    /**
     * One round trip, however many take part: everyone taking part in the post but the commenter, who may still see
     * it, is notified (the ids derived in SQL exactly as {@link #notificationId} does), and the commenter takes part
     * from now on. A former friend of the wall's owner learns nothing more of a friends-only post.
     */
    @EventHandler
    void on(PostCommented event, EventMessage<?> message, ReplayStatus replay) {
        Map<String, Object> payload = payload("byId", event.authorId(), "byUsername", event.authorUsername(),
                "postById", event.postAuthorId(), "postByUsername", event.postAuthorUsername(),
                "postId", event.postId(), "commentId", event.commentId(), "commentPreview", preview(event.content()));
        Instant at = message.getTimestamp().truncatedTo(ChronoUnit.MILLIS);
        List<Map<String, Object>> notified = jdbc.sql("""
                        WITH hashed AS (
                                 SELECT profile_id, md5(:event || '/' || profile_id::text) AS hash
                                 FROM notification_post_participants participant
                                 WHERE post_id = :post AND profile_id <> :commenter
                                   AND\s""" + MAY_SEE_POST + """
                                 ),
                             recipients AS (
                                 SELECT profile_id,
                                        CAST(substr(hash, 1, 12) || '3' || substr(hash, 14, 3)
                                             || substr('89ab', get_byte(decode(substr(hash, 17, 2), 'hex'), 0) / 16 % 4
                                                       + 1, 1)
                                             || substr(hash, 18) AS uuid) AS notification_id
                                 FROM hashed),
                             participating AS (
                                 INSERT INTO notification_post_participants (post_id, profile_id)
                                 VALUES (:post, :commenter) ON CONFLICT DO NOTHING),
                             notified AS (
                                 INSERT INTO notifications (notification_id, profile_id, created_at, event, payload,
                                                            read, visited)
                                 SELECT participant.notification_id, participant.profile_id, :at, :type,
                                        CAST(:payload AS jsonb),\s""" + MARKED + """
                                 FROM recipients participant\s""" + MARKS_OF_PARTICIPANT + """
                                 ON CONFLICT DO NOTHING RETURNING notification_id, profile_id, read)
                        SELECT notification_id, profile_id FROM notified WHERE NOT read""")
                .param("event", message.getIdentifier()).param("post", event.postId())
                .param("commenter", event.authorId()).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("type", NotificationType.NEW_COMMENT_ON_POST.name()).param("payload", json(payload))
                .query().listOfRows();
        notified.forEach(row -> pushIfLive(replay, at, (UUID) row.get("notification_id"),
                (UUID) row.get("profile_id"), NotificationType.NEW_COMMENT_ON_POST, payload));
    }

    @EventHandler
    void on(PostLiked event, EventMessage<?> message, ReplayStatus replay) {
        if (!event.profileId().equals(event.postAuthorId())) {
            notifyIfMaySee(event.postId(), message, replay, event.postAuthorId(), NotificationType.NEW_LIKE,
                    payload("byId", event.profileId(), "byUsername", event.username(), "postId", event.postId()));
        }
    }

    @EventHandler
    void on(PostDeleted event) {
        jdbc.sql("DELETE FROM notification_post_participants WHERE post_id = :post")
                .param("post", event.postId()).update();
        jdbc.sql("DELETE FROM notification_friends_only_posts WHERE post_id = :post")
                .param("post", event.postId()).update();
        // the post is gone from every read model, its previews included, and so are the marks on them
        jdbc.sql("""
                        WITH gone AS (DELETE FROM notifications WHERE payload ->> 'postId' = :post
                                      RETURNING notification_id, profile_id)
                        DELETE FROM notification_marks mark USING gone
                        WHERE mark.notification_id = gone.notification_id AND mark.profile_id = gone.profile_id""")
                .param("post", event.postId().toString()).update();
    }

    /** A preview shows what the post says now (an edit is not news: nothing is pushed). */
    @EventHandler
    void on(PostEdited event) {
        jdbc.sql("""
                        UPDATE notifications
                        SET payload = jsonb_set(payload, '{postPreview}', to_jsonb(CAST(:preview AS text)))
                        WHERE payload ->> 'postId' = :post AND event = :type""")
                .param("post", event.postId().toString()).param("preview", preview(event.content()))
                .param("type", NotificationType.NEW_POST_ON_WALL.name()).update();
    }

    @EventHandler
    void on(CommentEdited event) {
        jdbc.sql("""
                        UPDATE notifications
                        SET payload = jsonb_set(payload, '{commentPreview}', to_jsonb(CAST(:preview AS text)))
                        WHERE payload ->> 'postId' = :post AND payload ->> 'commentId' = :comment""")
                .param("post", event.postId().toString()).param("comment", event.commentId().toString())
                .param("preview", preview(event.content())).update();
    }

    /** The comment is gone from every read model, its previews included, and so are the marks on them. */
    @EventHandler
    void on(CommentDeleted event) {
        jdbc.sql("""
                        WITH gone AS (DELETE FROM notifications
                                      WHERE payload ->> 'postId' = :post AND payload ->> 'commentId' = :comment
                                      RETURNING notification_id, profile_id)
                        DELETE FROM notification_marks mark USING gone
                        WHERE mark.notification_id = gone.notification_id AND mark.profile_id = gone.profile_id""")
                .param("post", event.postId().toString()).param("comment", event.commentId().toString()).update();
    }

    /**
     * Applied to the notifications there are, and remembered for those a rebuild has not added yet. Only the
     * member's own notifications take the mark: an id of someone else's marks nothing.
     */
    @EventHandler
    void on(NotificationsMarked event) {
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
    }

    /**
     * Everything that happened up to this event is read, including notifications added later by a rebuild; read
     * marks made before it are superseded by it (a later one, made after it, is handled after it).
     */
    @EventHandler
    void on(AllNotificationsRead event, EventMessage<?> message) {
        waitForNotificationsBeingAdded();
        jdbc.sql("""
                        WITH inbox AS (
                                 INSERT INTO notification_reads (profile_id, read_through) VALUES (:member, :through)
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
        jdbc.sql("""
                        DELETE FROM notification_friendships
                        WHERE (profile_id, friend_id) IN ((:a, :b), (:b, :a))""")
                .param("a", event.byId()).param("b", event.otherId()).update();
    }

    @EventHandler
    void on(FriendRequestAccepted event, EventMessage<?> message, ReplayStatus replay) {
        jdbc.sql("""
                        INSERT INTO notification_friendships (profile_id, friend_id)
                        VALUES (:a, :b), (:b, :a) ON CONFLICT DO NOTHING""")
                .param("a", event.requesterId()).param("b", event.targetId()).update();
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

    private void participate(UUID post, UUID member) {
        jdbc.sql("INSERT INTO notification_post_participants (post_id, profile_id) VALUES (:post, :member)"
                        + " ON CONFLICT DO NOTHING")
                .param("post", post).param("member", member).update();
    }

    private void notify(EventMessage<?> message, ReplayStatus replay, UUID recipient, NotificationType type,
                        Map<String, Object> payload) {
        notifyIf("TRUE", null, message, replay, recipient, type, payload);
    }

    /** Notifies about a post only if the recipient may see it, decided in the same statement. */
    private void notifyIfMaySee(UUID post, EventMessage<?> message, ReplayStatus replay, UUID recipient,
                                NotificationType type, Map<String, Object> payload) {
        notifyIf(MAY_SEE_POST, post, message, replay, recipient, type, payload);
    }

    private void notifyIf(String condition, UUID post, EventMessage<?> message, ReplayStatus replay, UUID recipient,
                          NotificationType type, Map<String, Object> payload) {
        UUID id = notificationId(message, recipient);
        Instant at = message.getTimestamp().truncatedTo(ChronoUnit.MILLIS);
        boolean addedUnread = jdbc.sql("""
                        INSERT INTO notifications (notification_id, profile_id, created_at, event, payload, read,
                                                   visited)
                        SELECT participant.notification_id, participant.profile_id, :at, :event,
                               CAST(:payload AS jsonb),\s""" + MARKED + """
                        FROM (SELECT CAST(:id AS uuid) AS notification_id, CAST(:recipient AS uuid) AS profile_id)
                             participant\s""" + MARKS_OF_PARTICIPANT + """
                        WHERE\s""" + condition + " ON CONFLICT DO NOTHING RETURNING read")
                .param("id", id).param("recipient", recipient).param("post", post)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("event", type.name()).param("payload", json(payload))
                .query(Boolean.class).optional().map(read -> !read).orElse(false);
        if (addedUnread) {
            pushIfLive(replay, at, id, recipient, type, payload);
        }
    }

    /** Derived from the event and the recipient, so that handling an event twice notifies once. */
    static UUID notificationId(EventMessage<?> message, UUID recipient) {
        return UUID.nameUUIDFromBytes((message.getIdentifier() + "/" + recipient).getBytes(StandardCharsets.UTF_8));
    }

    /** A notification just added is pushed to its recipient after commit, unless it comes from the past. */
    private void pushIfLive(ReplayStatus replay, Instant at, UUID id, UUID recipient, NotificationType type,
                            Map<String, Object> payload) {
        if (Pushes.isLive(replay, at)) {
            NotificationView view = new NotificationView(id, at, recipient,
                    new NotificationView.Data(type, payload), false, false);
            Pushes.afterCommit(() -> pushes.push(recipient, "new_unread_notification", view));
        }
    }

    private String json(Map<String, Object> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
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
