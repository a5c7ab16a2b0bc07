package org.bunnybook.bench;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Members with random friendships (~{@code friendsEach} each, uniformly between any two), kept in memory as
 * adjacency lists of member numbers to check the stores' answers against, and written straight into both friendship
 * read models: into Neo4j in UNWIND batches, into PostgreSQL's {@code friendships} (a row per direction) by COPY.
 */
final class GeneratedGraph {

    private static final int NODE_BATCH = 20_000;
    private static final int FRIENDSHIP_BATCH = 20_000;
    private static final int COPY_CHUNK = 1 << 20;

    final UUID[] ids;
    final String[] names;
    /** Each member's friends, by number, ascending. */
    final int[][] friends;
    final int friendships;
    private final Map<UUID, Integer> numbers;

    private GeneratedGraph(UUID[] ids, String[] names, int[][] friends, int friendships) {
        this.ids = ids;
        this.names = names;
        this.friends = friends;
        this.friendships = friendships;
        this.numbers = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            numbers.put(ids[i], i);
        }
    }

    static GeneratedGraph generate(int members, int friendsEach, SplittableRandom random) {
        UUID[] ids = new UUID[members];
        String[] names = new String[members];
        for (int i = 0; i < members; i++) {
            ids[i] = new UUID(random.nextLong(), random.nextLong());
            names[i] = "bunny" + Integer.toString(random.nextInt(1 << 30), 36) + i;
        }
        long wanted = (long) members * friendsEach / 2;
        Set<Long> seen = new HashSet<>();
        int[] degree = new int[members];
        int[][] pairs = new int[(int) wanted][];
        int count = 0;
        while (count < wanted) {
            int a = random.nextInt(members);
            int b = random.nextInt(members);
            if (a != b && seen.add((long) Math.min(a, b) * members + Math.max(a, b))) {
                pairs[count++] = new int[]{a, b};
                degree[a]++;
                degree[b]++;
            }
        }
        int[][] friends = new int[members][];
        for (int i = 0; i < members; i++) {
            friends[i] = new int[degree[i]];
        }
        int[] filled = new int[members];
        for (int[] pair : pairs) {
            friends[pair[0]][filled[pair[0]]++] = pair[1];
            friends[pair[1]][filled[pair[1]]++] = pair[0];
        }
        for (int[] list : friends) {
            Arrays.sort(list);
        }
        return new GeneratedGraph(ids, names, friends, count);
    }

    int size() {
        return ids.length;
    }

    int number(UUID id) {
        Integer number = numbers.get(id);
        if (number == null) {
            throw new IllegalStateException("not a generated member: " + id);
        }
        return number;
    }

    boolean areFriends(int a, int b) {
        return Arrays.binarySearch(friends[a], b) >= 0;
    }

    /** The number of friendships on the shortest chain between two members, up to {@code max}; -1 beyond. */
    int distance(int from, int to, int max) {
        if (from == to) {
            return 0;
        }
        int[] seen = new int[ids.length];
        Arrays.fill(seen, -1);
        seen[from] = 0;
        int[] frontier = {from};
        for (int hops = 1; hops <= max; hops++) {
            int[] next = new int[16];
            int size = 0;
            for (int member : frontier) {
                for (int friend : friends[member]) {
                    if (seen[friend] < 0) {
                        if (friend == to) {
                            return hops;
                        }
                        seen[friend] = hops;
                        if (size == next.length) {
                            next = Arrays.copyOf(next, size * 2);
                        }
                        next[size++] = friend;
                    }
                }
            }
            frontier = Arrays.copyOf(next, size);
        }
        return -1;
    }

    /** Empties both read models of whatever an earlier size left in them. */
    static void clear(Driver neo4j, DataSource postgres) {
        try (Session session = neo4j.session()) {
            // in transactions of their own: deleting a large graph in one would hold all of it in memory
            session.run("""
                    MATCH (n) WHERE n:Profile OR n:Pair
                    CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS""").consume();
        }
        execute(postgres, "TRUNCATE friendships");
    }

    /** Writes the members and friendships into Neo4j; answers how long it took, in seconds. */
    double writeGraph(Driver neo4j) {
        long started = System.nanoTime();
        try (Session session = neo4j.session()) {
            for (int from = 0; from < ids.length; from += NODE_BATCH) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = from; i < Math.min(ids.length, from + NODE_BATCH); i++) {
                    rows.add(Map.of("id", ids[i].toString(), "username", names[i],
                            "key", names[i].toLowerCase(Locale.ROOT)));
                }
                session.executeWriteWithoutResult(tx -> tx.run("""
                        UNWIND $rows AS row
                        CREATE (:Profile {id: row.id, username: row.username, key: row.key})""",
                        Map.of("rows", rows)).consume());
            }
            List<Map<String, Object>> rows = new ArrayList<>(FRIENDSHIP_BATCH);
            for (int a = 0; a < ids.length; a++) {
                for (int b : friends[a]) {
                    if (a < b) {
                        rows.add(Map.of("a", ids[a].toString(), "b", ids[b].toString()));
                        if (rows.size() == FRIENDSHIP_BATCH) {
                            createFriendships(session, rows);
                            rows = new ArrayList<>(FRIENDSHIP_BATCH);
                        }
                    }
                }
            }
            createFriendships(session, rows);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void createFriendships(Session session, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        session.executeWriteWithoutResult(tx -> tx.run("""
                UNWIND $rows AS row
                MATCH (a:Profile {id: row.a}), (b:Profile {id: row.b})
                CREATE (a)-[:FRIEND]->(b)""", Map.of("rows", rows)).consume());
    }

    /**
     * Writes every friendship into {@code friendships} twice, once per direction, as the friendships projection
     * does, in one COPY; answers how long it took, in seconds.
     */
    double writeTable(DataSource postgres) {
        long started = System.nanoTime();
        try (Connection connection = postgres.getConnection()) {
            connection.setAutoCommit(false);
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY friendships (profile_id, friend_id, friend_username, since) FROM STDIN");
            ByteArrayOutputStream rows = new ByteArrayOutputStream(COPY_CHUNK + COPY_CHUNK / 4);
            for (int a = 0; a < ids.length; a++) {
                for (int b : friends[a]) {
                    rows.writeBytes((ids[a] + "\t" + ids[b] + "\t" + names[b] + "\t2026-01-01 00:00:00+00\n")
                            .getBytes(StandardCharsets.UTF_8));
                    if (rows.size() >= COPY_CHUNK) {
                        copy.writeToCopy(rows.toByteArray(), 0, rows.size());
                        rows.reset();
                    }
                }
            }
            copy.writeToCopy(rows.toByteArray(), 0, rows.size());
            copy.endCopy();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the generated friendships", e);
        }
        execute(postgres, "ANALYZE friendships");
        return (System.nanoTime() - started) / 1e9;
    }

    private static void execute(DataSource postgres, String sql) {
        try (Connection connection = postgres.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
