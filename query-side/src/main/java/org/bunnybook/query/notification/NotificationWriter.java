package org.bunnybook.query.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bunnybook.api.notification.NotificationView;
import org.bunnybook.platform.processing.BatchBuffers;
import org.bunnybook.query.notification.NotificationWrite.FriendsOnlyPost;
import org.bunnybook.query.notification.NotificationWrite.Friendship;
import org.bunnybook.query.notification.NotificationWrite.Notify;
import org.bunnybook.query.notification.NotificationWrite.NotifyParticipants;
import org.bunnybook.query.notification.NotificationWrite.Participate;
import org.bunnybook.query.notification.NotificationWrite.Statement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Carries out a batch's {@link NotificationWrite}s with a few set-based statements instead of one or more round trips
 * per event (a comment notifies every earlier participant of its post, so this read model grows faster than the
 * events; a rebuild spent its time in those round trips). The writes wait for the end of the processor's batch
 * ({@link BatchBuffers}); then, between two {@link Statement}s, what the events ask is decided in memory, in their
 * order, from what the tables held before them (participants, friends-only posts and friendships, read in one query
 * each) and from what the earlier events of the run changed, and written in one statement per table. The
 * notifications are added in one statement that also gives each what its recipient marked (see
 * {@link NotificationProjection}'s marks), so a mark being made meanwhile is taken as it was per event. Everything
 * commits in the batch's transaction, with its token.
 */
@Component
class NotificationWriter {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final BatchBuffers.Buffer<NotificationWrite> buffer;

    NotificationWriter(JdbcClient jdbc, ObjectMapper json, BatchBuffers buffers) {
        this.jdbc = jdbc;
        this.json = json;
        this.buffer = buffers.buffer(this::send);
    }

    /** Done before the batch commits, after the writes added before it (at once where it may not wait). */
    void add(NotificationWrite write) {
        buffer.add(write);
    }

    private void send(List<NotificationWrite> writes) {
        List<NotificationWrite> run = new ArrayList<>();
        for (NotificationWrite write : writes) {
            if (write instanceof Statement statement) {
                new Run(run).write();
                run.clear();
                statement.run().run();
            } else {
                run.add(write);
            }
        }
        new Run(run).write();
    }

    /** Derived from the event's id and the recipient's, so that handling an event twice notifies once. */
    static UUID notificationId(String eventId, UUID recipient) {
        return UUID.nameUUIDFromBytes((eventId + "/" + recipient).getBytes(StandardCharsets.UTF_8));
    }

    private record Pair(UUID profile, UUID friend) {
    }

    private record Added(UUID id, UUID recipient, NotificationWrite.Event event, List<NotificationView> pushed) {
    }

    /** Writes with no {@link Statement} among them: decided in memory, in order, then written together. */
    private final class Run {
        private final List<NotificationWrite> writes;
        /** Participants of the posts commented on in this run, as the table holds them, then as the run goes. */
        private final Map<UUID, Set<UUID>> participants = new HashMap<>();
        /** Friends-only posts among those the run notifies about, with their walls. */
        private final Map<UUID, UUID> friendsOnly = new HashMap<>();
        /** Friendships of those walls' owners, as the table holds them. */
        private final Set<Pair> friendships = new HashSet<>();
        /** Friendships made (true) or ended (false) by the run so far, each pair in both directions. */
        private final Map<Pair, Boolean> friendshipChanges = new LinkedHashMap<>();
        private final Set<Participate> participating = new LinkedHashSet<>();
        private final Map<UUID, UUID> friendsOnlyAdded = new LinkedHashMap<>();
        private final List<Added> notifications = new ArrayList<>();

        private Run(List<NotificationWrite> writes) {
            this.writes = writes;
        }

        void write() {
            if (writes.isEmpty()) {
                return;
            }
            load();
            for (NotificationWrite write : writes) {
                decide(write);
            }
            store();
        }

        private void load() {
            Set<UUID> commented = new HashSet<>();
            Set<UUID> about = new HashSet<>();
            for (NotificationWrite write : writes) {
                if (write instanceof NotifyParticipants comment) {
                    commented.add(comment.post());
                    about.add(comment.post());
                } else if (write instanceof Notify notify && notify.post() != null) {
                    about.add(notify.post());
                }
            }
            commented.forEach(post -> participants.put(post, new LinkedHashSet<>()));
            if (!commented.isEmpty()) {
                jdbc.sql("SELECT post_id, profile_id FROM notification_post_participants"
                                + " WHERE post_id = ANY (CAST(:posts AS uuid[]))")
                        .param("posts", texts(commented))
                        .query(rs -> {
                            participants.get(rs.getObject(1, UUID.class)).add(rs.getObject(2, UUID.class));
                        });
            }
            if (about.isEmpty()) {
                return;
            }
            jdbc.sql("SELECT post_id, wall_profile_id FROM notification_friends_only_posts"
                            + " WHERE post_id = ANY (CAST(:posts AS uuid[]))")
                    .param("posts", texts(about))
                    .query(rs -> {
                        friendsOnly.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                    });
            Set<UUID> walls = new HashSet<>(friendsOnly.values());
            writes.stream().filter(FriendsOnlyPost.class::isInstance)
                    .forEach(post -> walls.add(((FriendsOnlyPost) post).wall()));
            if (!walls.isEmpty()) {
                jdbc.sql("SELECT profile_id, friend_id FROM notification_friendships"
                                + " WHERE profile_id = ANY (CAST(:walls AS uuid[]))")
                        .param("walls", texts(walls))
                        .query(rs -> {
                            friendships.add(new Pair(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
                        });
            }
        }

        private void decide(NotificationWrite write) {
            if (write instanceof Participate participate) {
                participate(participate.post(), participate.member());
            } else if (write instanceof FriendsOnlyPost post) {
                friendsOnly.putIfAbsent(post.post(), post.wall());
                friendsOnlyAdded.putIfAbsent(post.post(), post.wall());
            } else if (write instanceof Friendship friendship) {
                friendshipChanges.put(new Pair(friendship.a(), friendship.b()), friendship.friends());
                friendshipChanges.put(new Pair(friendship.b(), friendship.a()), friendship.friends());
            } else if (write instanceof Notify notify) {
                if (notify.post() == null || maySee(notify.post(), notify.recipient())) {
                    notifications.add(new Added(notificationId(notify.event().id(), notify.recipient()),
                            notify.recipient(), notify.event(), notify.pushed()));
                }
            } else if (write instanceof NotifyParticipants comment) {
                for (UUID participant : participants.getOrDefault(comment.post(), Set.of())) {
                    if (!participant.equals(comment.commenter()) && maySee(comment.post(), participant)) {
                        notifications.add(new Added(notificationId(comment.event().id(), participant),
                                participant, comment.event(), comment.pushed()));
                    }
                }
                participate(comment.post(), comment.commenter());
            } else {
                throw new IllegalArgumentException("not part of a run: " + write);
            }
        }

        private void participate(UUID post, UUID member) {
            Set<UUID> known = participants.get(post); // only a comment of this run asks who they are
            if (known != null) {
                known.add(member);
            }
            participating.add(new Participate(post, member));
        }

        /** The walls' rule (docs/http-api.md): a friends-only post shows to its wall's owner and their friends. */
        private boolean maySee(UUID post, UUID member) {
            UUID wall = friendsOnly.get(post);
            if (wall == null || wall.equals(member)) {
                return true;
            }
            Pair pair = new Pair(wall, member);
            return friendshipChanges.getOrDefault(pair, friendships.contains(pair));
        }

        private void store() {
            writePairs("""
                    INSERT INTO notification_friends_only_posts (post_id, wall_profile_id)
                    SELECT * FROM unnest(CAST(:firsts AS uuid[]), CAST(:seconds AS uuid[])) ON CONFLICT DO NOTHING""",
                    List.copyOf(friendsOnlyAdded.keySet()), List.copyOf(friendsOnlyAdded.values()));
            writePairs("""
                    INSERT INTO notification_post_participants (post_id, profile_id)
                    SELECT * FROM unnest(CAST(:firsts AS uuid[]), CAST(:seconds AS uuid[])) ON CONFLICT DO NOTHING""",
                    participating.stream().map(Participate::post).toList(),
                    participating.stream().map(Participate::member).toList());
            // each pair ends as the last event of the run about it left it
            List<Pair> ended = friendshipChanges.entrySet().stream().filter(change -> !change.getValue())
                    .map(Map.Entry::getKey).toList();
            List<Pair> made = friendshipChanges.entrySet().stream().filter(Map.Entry::getValue)
                    .map(Map.Entry::getKey).toList();
            writePairs("""
                    DELETE FROM notification_friendships WHERE (profile_id, friend_id) IN (
                        SELECT * FROM unnest(CAST(:firsts AS uuid[]), CAST(:seconds AS uuid[])))""",
                    ended.stream().map(Pair::profile).toList(), ended.stream().map(Pair::friend).toList());
            writePairs("""
                    INSERT INTO notification_friendships (profile_id, friend_id)
                    SELECT * FROM unnest(CAST(:firsts AS uuid[]), CAST(:seconds AS uuid[])) ON CONFLICT DO NOTHING""",
                    made.stream().map(Pair::profile).toList(), made.stream().map(Pair::friend).toList());
            storeNotifications();
        }

        /** One statement for all the rows of a table of two ids, if there are any. */
        private void writePairs(String sql, List<UUID> firsts, List<UUID> seconds) {
            if (!firsts.isEmpty()) {
                jdbc.sql(sql).param("firsts", texts(firsts)).param("seconds", texts(seconds)).update();
            }
        }

        /**
         * Added with the flags their recipients marked on them, or else whether the recipient had marked everything
         * read after their event happened (a rebuild meets marks before the notifications they mark); the unread
         * ones actually added (not there already) are told to their recipients, where that is asked for.
         */
        private void storeNotifications() {
            if (notifications.isEmpty()) {
                return;
            }
            Map<UUID, Added> byId = new LinkedHashMap<>();
            notifications.forEach(added -> byId.putIfAbsent(added.id(), added));
            Collection<Added> rows = byId.values();
            boolean told = rows.stream().anyMatch(added -> added.pushed() != null);
            var insert = jdbc.sql("""
                            INSERT INTO notifications (notification_id, profile_id, created_at, event, payload, read,
                                                       visited)
                            SELECT n.notification_id, n.profile_id, n.created_at, n.event, CAST(n.payload AS jsonb),
                                   COALESCE(mark.read, inbox.read_through >= n.created_at, false),
                                   COALESCE(mark.visited, false)
                            FROM unnest(CAST(:ids AS uuid[]), CAST(:recipients AS uuid[]),
                                        CAST(:ats AS timestamptz[]), CAST(:events AS text[]),
                                        CAST(:payloads AS text[]))
                                     AS n (notification_id, profile_id, created_at, event, payload)
                                 LEFT JOIN notification_marks mark
                                        ON mark.notification_id = n.notification_id AND mark.profile_id = n.profile_id
                                 LEFT JOIN notification_reads inbox ON inbox.profile_id = n.profile_id
                            ON CONFLICT DO NOTHING""" + (told ? " RETURNING notification_id, read" : ""))
                    .param("ids", texts(rows.stream().map(Added::id).toList()))
                    .param("recipients", texts(rows.stream().map(Added::recipient).toList()))
                    .param("ats", rows.stream().map(added -> added.event().at().toString()).toArray(String[]::new))
                    .param("events", rows.stream().map(added -> added.event().type().name()).toArray(String[]::new))
                    .param("payloads", payloads(rows));
            if (!told) {
                insert.update();
                return;
            }
            insert.query((rs, row) -> rs.getBoolean(2) ? null : byId.get(rs.getObject(1, UUID.class))).list()
                    .forEach(added -> {
                        if (added != null && added.pushed() != null) {
                            added.pushed().add(new NotificationView(added.id(), added.event().at(),
                                    added.recipient(), new NotificationView.Data(added.event().type(),
                                    added.event().payload()), false, false));
                        }
                    });
        }

        /** Each event's payload written once, however many it notifies. */
        private String[] payloads(Collection<Added> rows) {
            Map<NotificationWrite.Event, String> written = new IdentityHashMap<>();
            return rows.stream().map(added -> written.computeIfAbsent(added.event(), event -> json(event.payload())))
                    .toArray(String[]::new);
        }
    }

    private String json(Map<String, Object> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] texts(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }
}
