package org.bunnybook.bench;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bunnybook.api.account.AccountRegistered;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.api.chat.ChatMarkedAsRead;
import org.bunnybook.api.chat.ChatMember;
import org.bunnybook.api.chat.ConversationDeactivated;
import org.bunnybook.api.chat.ConversationOpened;
import org.bunnybook.api.chat.ConversationReactivated;
import org.bunnybook.api.chat.MessagePosted;
import org.bunnybook.api.friendship.FriendRequestAccepted;
import org.bunnybook.api.friendship.FriendRequestCancelled;
import org.bunnybook.api.friendship.FriendRequestRejected;
import org.bunnybook.api.friendship.FriendRequestSent;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.api.friendship.Unfriended;
import org.bunnybook.api.post.PostCommented;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostDeleted;
import org.bunnybook.api.post.PostLiked;
import org.bunnybook.api.report.ReportAnswered;
import org.bunnybook.api.report.ReportFiled;
import org.bunnybook.api.report.ReportId;
import org.bunnybook.api.report.ReportedSubject;
import org.bunnybook.api.report.SubjectType;
import org.bunnybook.api.post.PostUnliked;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.platform.command.RequestOrigin;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A history of a busy network written straight into the event table as Axon would have stored it (as commands, a
 * million events would take far too long): members register, ask one another to be friends, accept, reject, cancel
 * and unfriend; friends chat (a conversation is opened when they become friends, as the command side's lifecycle
 * does); and everybody posts, comments, likes, unlikes, now and then deletes or reports a post (staff answer half
 * of the reports). Posts gather comments and likes while they are among the recent ones, so aggregates interleave
 * in the stream as they do in life. Every event is one the command side could have decided (a like is given once,
 * only pending requests are answered, a member reports a post once).
 * Everything comes from one seeded random, and {@link #write} can be called again to carry the same history on.
 */
final class GeneratedHistory {

    private static final int MEMBERS = 3000;
    /** The member who answers reports (the history has no roles: the first to register). */
    private static final int MODERATOR = 0;
    /** Posts still gathering comments and likes; a new one pushes a random one out: ~10 events per post. */
    private static final int RECENT = 2000;
    private static final String[] WORDS = {"carrot", "hop", "burrow", "meadow", "clover", "ears", "fluffy", "garden",
            "lettuce", "morning", "nap", "sunny", "today", "friends", "the", "a", "and", "with", "in", "so"};
    private static final int CHUNK = 1 << 20;

    private final Serializer serializer;
    private final SplittableRandom random = new SplittableRandom(20261125);
    private final UUID[] members = new UUID[MEMBERS];
    private int registered;
    private final List<Post> recent = new ArrayList<>();
    private final Map<String, Pair> pairs = new HashMap<>();
    private final List<Pair> requested = new ArrayList<>();
    private final List<Pair> friends = new ArrayList<>();
    /** Events the last decision caused besides its own (a conversation opened on a friendship), in order. */
    private final Deque<Event> following = new ArrayDeque<>();
    private final Set<UUID> reports = new HashSet<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private Instant clock = Instant.parse("2025-01-01T00:00:00Z");

    GeneratedHistory(Serializer serializer) {
        this.serializer = serializer;
        for (int i = 0; i < MEMBERS; i++) {
            members[i] = uuid();
        }
    }

    /** Appends this many more events in one COPY, streamed in chunks so that memory stays bounded. */
    void write(DataSource dataSource, int events) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(EventStoreTables.COPY_EVENTS);
            ByteArrayOutputStream rows = new ByteArrayOutputStream(CHUNK + CHUNK / 4);
            for (int i = 0; i < events; i++) {
                Event event = next();
                counts.merge(event.payload().getClass().getSimpleName(), 1L, Long::sum);
                row(event, rows);
                if (rows.size() >= CHUNK || i == events - 1) {
                    copy.writeToCopy(rows.toByteArray(), 0, rows.size());
                    rows.reset();
                }
            }
            copy.endCopy();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the generated history", e);
        }
    }

    /** How many events of each type were written so far. */
    Map<String, Long> counts() {
        return counts;
    }

    private Event next() {
        if (!following.isEmpty()) {
            return following.poll();
        }
        if (registered < MEMBERS && (registered < 20 || random.nextInt(4) == 0)) {
            return register();
        }
        int dice = random.nextInt(100);
        if (dice < 6) {
            return befriending();
        }
        if (dice < 24 && !friends.isEmpty()) {
            return chatting(friends.get(random.nextInt(friends.size())));
        }
        return posting();
    }

    // --- accounts ---

    private Event register() {
        int member = registered++;
        UUID id = members[member];
        return new Event("Account", id.toString(), 0, member, new AccountRegistered(id, name(member),
                name(member) + "@bunnybook.test", "{bcrypt}not-a-real-hash", null));
    }

    private int member() {
        return random.nextInt(registered);
    }

    // --- friendships and their conversations ---

    private Event befriending() {
        int choice = random.nextInt(20);
        if (choice < 9 || requested.isEmpty() && (choice < 17 || friends.isEmpty())) {
            return ask();
        }
        if (choice < 17 || friends.isEmpty()) {
            return answer(requested.remove(random.nextInt(requested.size())));
        }
        Pair pair = friends.remove(random.nextInt(friends.size()));
        pair.state = PairState.NONE;
        following.add(pair.chatEvent(new ConversationDeactivated(pair.chat)));
        int by = random.nextBoolean() ? pair.requester : pair.target;
        int other = by == pair.requester ? pair.target : pair.requester;
        return pair.event(by, new Unfriended(pair.id, members[by], name(by), members[other], name(other)));
    }

    private Event ask() {
        int requester;
        int target;
        Pair pair;
        do {
            requester = member();
            target = member();
            pair = requester == target ? null
                    : pairs.computeIfAbsent(FriendshipId.of(members[requester], members[target]), Pair::new);
        } while (pair == null || pair.state != PairState.NONE);
        pair.state = PairState.REQUESTED;
        pair.requester = requester;
        pair.target = target;
        requested.add(pair);
        return pair.event(requester, new FriendRequestSent(pair.id, members[requester], name(requester),
                members[target], name(target)));
    }

    private Event answer(Pair pair) {
        UUID requester = members[pair.requester];
        UUID target = members[pair.target];
        String requesterName = name(pair.requester);
        String targetName = name(pair.target);
        int dice = random.nextInt(20);
        pair.state = dice < 14 ? PairState.FRIENDS : PairState.NONE;
        if (dice < 14) {
            friends.add(pair);
            if (pair.chat == null) {
                pair.chat = ChatGroupId.of(requester, target);
                following.add(pair.chatEvent(new ConversationOpened(pair.chat, List.of(
                        new ChatMember(requester, requesterName), new ChatMember(target, targetName)))));
            } else {
                following.add(pair.chatEvent(new ConversationReactivated(pair.chat)));
            }
            return pair.event(pair.target, new FriendRequestAccepted(pair.id, requester, requesterName, target,
                    targetName));
        } else if (dice < 17) {
            return pair.event(pair.target, new FriendRequestRejected(pair.id, requester, requesterName, target,
                    targetName));
        }
        return pair.event(pair.requester, new FriendRequestCancelled(pair.id, requester, requesterName, target,
                targetName));
    }

    private Event chatting(Pair pair) {
        boolean requesterSpeaks = random.nextBoolean();
        int from = requesterSpeaks ? pair.requester : pair.target;
        if (pair.lastMessage != null && random.nextInt(10) == 0) {
            int reader = requesterSpeaks ? pair.target : pair.requester;
            return pair.chatEvent(reader, new ChatMarkedAsRead(pair.chat, members[reader], pair.lastMessage));
        }
        pair.lastMessage = uuid();
        return pair.chatEvent(from, new MessagePosted(pair.chat, pair.lastMessage, members[from], name(from),
                text(1, 20), "client-" + pair.lastMessage));
    }

    // --- posts ---

    private Event posting() {
        if (recent.isEmpty() || random.nextInt(10) == 0) {
            return create();
        }
        Post post = recent.get(random.nextInt(recent.size()));
        int dice = random.nextInt(200);
        if (dice == 0) {
            return delete(post);
        } else if (dice == 1) {
            return report(post);
        } else if (dice < 80) {
            return comment(post);
        } else if (dice < 170 || post.likers.isEmpty()) {
            return like(post);
        }
        return unlike(post);
    }

    private Event create() {
        int author = member();
        int wall = random.nextInt(5) == 0 ? member() : author; // some write on another's wall
        Post post = new Post(uuid(), author, wall);
        if (recent.size() < RECENT) {
            recent.add(post);
        } else {
            recent.set(random.nextInt(RECENT), post);
        }
        return post.event(author, new PostCreated(post.id, members[author], name(author), members[wall],
                text(5, 60), random.nextInt(4) == 0 ? Privacy.FRIENDS : Privacy.PUBLIC));
    }

    private Event delete(Post post) {
        recent.remove(post); // the aggregate refuses everything after its deletion
        return post.event(post.author, new PostDeleted(post.id, members[post.author], members[post.wall],
                members[post.author]));
    }

    private Event comment(Post post) {
        int author = member();
        return post.event(author, new PostCommented(post.id, uuid(), members[author], name(author), text(2, 30),
                members[post.author], name(post.author), members[post.wall]));
    }

    private Event like(Post post) {
        int member;
        do {
            member = member();
        } while (post.likers.contains(member) && post.likers.size() < registered); // a member likes a post once
        if (post.likers.contains(member)) {
            return comment(post);
        }
        post.likers.add(member);
        return post.event(member, new PostLiked(post.id, members[member], name(member), members[post.author],
                members[post.wall]));
    }

    /** A member reports the post; staff answer one report in two at once (the moderation queue, notifications). */
    private Event report(Post post) {
        int reporter = member();
        UUID reportId = ReportId.of(members[reporter], SubjectType.POST, post.id);
        if (!reports.add(reportId)) {
            return comment(post); // a member reports a post once
        }
        if (random.nextBoolean()) {
            following.add(new Event("Report", reportId.toString(), 1, MODERATOR, new ReportAnswered(reportId,
                    members[reporter], members[MODERATOR], SubjectType.POST, post.id, text(3, 15))));
        }
        return new Event("Report", reportId.toString(), 0, reporter, new ReportFiled(reportId, members[reporter],
                name(reporter), new ReportedSubject(SubjectType.POST, post.id, null, members[post.author],
                name(post.author), text(5, 60)), text(2, 12)));
    }

    private Event unlike(Post post) {
        int member = post.likers.remove(random.nextInt(post.likers.size()));
        return post.event(member, new PostUnliked(post.id, members[member]));
    }

    // --- rows ---

    /** One line of COPY's text format: tab-separated columns, bytea as {@code \x} and hex (its backslash escaped). */
    private void row(Event event, ByteArrayOutputStream rows) {
        String command = uuid().toString();
        SerializedObject<byte[]> payload = serializer.serialize(event.payload(), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(MetaData
                .with(RequestOrigin.ACTOR, members[event.actor()].toString())
                .and(RequestOrigin.CORRELATION_ID, command)
                .and(RequestOrigin.CAUSATION_ID, command), byte[].class);
        clock = clock.plusMillis(1); // strictly increasing, as on one busy node
        String line = String.join("\t", event.aggregateId(), Long.toString(event.sequence()), event.aggregateType(),
                uuid().toString(), "\\\\x" + HexFormat.of().formatHex(metaData.getData()),
                "\\\\x" + HexFormat.of().formatHex(payload.getData()), payload.getType().getRevision(),
                payload.getType().getName(), DateTimeUtils.formatInstant(clock)) + "\n";
        rows.writeBytes(line.getBytes(StandardCharsets.UTF_8));
    }

    private String text(int minWords, int maxWords) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(minWords, maxWords + 1); i > 0; i--) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(i > 1 ? " " : "");
        }
        return text.toString();
    }

    private static String name(int member) {
        return "bunny" + member;
    }

    /** A version 4 UUID, but from the seeded random. */
    private UUID uuid() {
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
    }

    private record Event(String aggregateType, String aggregateId, long sequence, int actor, Object payload) {
    }

    private enum PairState { NONE, REQUESTED, FRIENDS }

    /** The friendship aggregate of two members, and their conversation once they have been friends. */
    private static final class Pair {
        final String id;
        PairState state = PairState.NONE;
        int requester;
        int target;
        long sequence;
        UUID chat;
        long chatSequence;
        UUID lastMessage;

        Pair(String id) {
            this.id = id;
        }

        Event event(int actor, Object payload) {
            return new Event("Friendship", id, sequence++, actor, payload);
        }

        Event chatEvent(Object payload) {
            return chatEvent(requester, payload);
        }

        Event chatEvent(int actor, Object payload) {
            return new Event("Conversation", chat.toString(), chatSequence++, actor, payload);
        }
    }

    /** What the aggregate would know of a post when deciding. */
    private static final class Post {
        final UUID id;
        final int author;
        final int wall;
        final List<Integer> likers = new ArrayList<>();
        long sequence;

        Post(UUID id, int author, int wall) {
            this.id = id;
            this.author = author;
            this.wall = wall;
        }

        Event event(int actor, Object payload) {
            return new Event("Post", id.toString(), sequence++, actor, payload);
        }
    }
}
