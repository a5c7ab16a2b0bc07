package org.bunnybook.bench;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bunnybook.api.post.PostCommented;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostDeleted;
import org.bunnybook.api.post.PostLiked;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A history of posts with their comments, likes, unlikes and a few deletions, written straight into the event table
 * as Axon would have stored it (as commands, a million events would take far too long). Posts keep being created,
 * and each gathers comments and likes while it is among the recent ones, so posts interleave in the stream as they
 * do in life. Everything comes from one seeded random: the same number of events gives the same history.
 */
final class GeneratedWallHistory {

    /** What the walls read model must hold once it has handled the whole history. */
    record Totals(long created, long deleted, long comments, long likes) {
    }

    private static final int MEMBERS = 3000;
    /** Posts still gathering comments and likes; a new one pushes a random one out: ~10 events per post. */
    private static final int RECENT = 2000;
    private static final String[] WORDS = {"carrot", "hop", "burrow", "meadow", "clover", "ears", "fluffy", "garden",
            "lettuce", "morning", "nap", "sunny", "today", "friends", "the", "a", "and", "with", "in", "so"};
    private static final int CHUNK = 1 << 20;

    private final Serializer serializer;
    private final SplittableRandom random = new SplittableRandom(20261125);
    private final UUID[] members = new UUID[MEMBERS];
    private final List<Post> recent = new ArrayList<>();
    private Instant clock = Instant.parse("2025-01-01T00:00:00Z");
    private long created;
    private long deleted;
    private long comments;
    private long likes;

    GeneratedWallHistory(Serializer serializer) {
        this.serializer = serializer;
        for (int i = 0; i < MEMBERS; i++) {
            members[i] = uuid();
        }
    }

    /** Appends this many events in one COPY, streamed in chunks so that memory stays bounded. */
    Totals write(DataSource dataSource, int events) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(EventStoreTables.COPY_EVENTS);
            ByteArrayOutputStream rows = new ByteArrayOutputStream(CHUNK + CHUNK / 4);
            for (int i = 0; i < events; i++) {
                row(next(), rows);
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
        return new Totals(created, deleted, comments, likes);
    }

    private Event next() {
        if (recent.isEmpty() || random.nextInt(10) == 0) {
            return create();
        }
        Post post = recent.get(random.nextInt(recent.size()));
        int dice = random.nextInt(200);
        if (dice == 0) {
            return delete(post);
        } else if (dice < 80) {
            return comment(post);
        } else if (dice < 170 || post.likers.isEmpty()) {
            return like(post);
        }
        return unlike(post);
    }

    private Event create() {
        int author = random.nextInt(MEMBERS);
        int wall = random.nextInt(5) == 0 ? random.nextInt(MEMBERS) : author; // some write on a friend's wall
        Post post = new Post(uuid(), author, wall);
        if (recent.size() < RECENT) {
            recent.add(post);
        } else {
            recent.set(random.nextInt(RECENT), post);
        }
        created++;
        return new Event(post, author, new PostCreated(post.id, members[author], name(author), members[wall],
                text(5, 60), random.nextInt(4) == 0 ? Privacy.FRIENDS : Privacy.PUBLIC));
    }

    private Event delete(Post post) {
        recent.remove(post); // the aggregate refuses everything after its deletion
        deleted++;
        comments -= post.comments;
        likes -= post.likers.size();
        return new Event(post, post.author, new PostDeleted(post.id, members[post.author], members[post.wall],
                members[post.author]));
    }

    private Event comment(Post post) {
        int author = random.nextInt(MEMBERS);
        post.comments++;
        comments++;
        return new Event(post, author, new PostCommented(post.id, uuid(), members[author], name(author), text(2, 30),
                members[post.author], name(post.author), members[post.wall]));
    }

    private Event like(Post post) {
        int member;
        do {
            member = random.nextInt(MEMBERS);
        } while (post.likers.contains(member)); // the aggregate lets a member like a post once
        post.likers.add(member);
        likes++;
        return new Event(post, member, new PostLiked(post.id, members[member], name(member), members[post.author],
                members[post.wall]));
    }

    private Event unlike(Post post) {
        int member = post.likers.remove(random.nextInt(post.likers.size()));
        likes--;
        return new Event(post, member, new PostUnliked(post.id, members[member]));
    }

    /** One line of COPY's text format: tab-separated columns, bytea as {@code \x} and hex (its backslash escaped). */
    private void row(Event event, ByteArrayOutputStream rows) {
        String command = uuid().toString();
        SerializedObject<byte[]> payload = serializer.serialize(event.payload(), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(MetaData
                .with(RequestOrigin.ACTOR, members[event.actor()].toString())
                .and(RequestOrigin.CORRELATION_ID, command)
                .and(RequestOrigin.CAUSATION_ID, command), byte[].class);
        clock = clock.plusMillis(1); // strictly increasing, as on one busy node
        String line = String.join("\t", event.post().id.toString(), Long.toString(event.post().sequence++), "Post",
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

    private record Event(Post post, int actor, Object payload) {
    }

    /** What the aggregate would know of a post when deciding, and what the read model will count. */
    private static final class Post {
        final UUID id;
        final int author;
        final int wall;
        final List<Integer> likers = new ArrayList<>();
        long sequence;
        int comments;

        Post(UUID id, int author, int wall) {
            this.id = id;
            this.author = author;
            this.wall = wall;
        }
    }
}
