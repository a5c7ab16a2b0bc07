package org.bunnybook.bench;

import org.bunnybook.api.ReadModels;
import org.bunnybook.query.wall.FeedVersions;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A canonical dump of each rebuildable read model, reduced to its size and a SHA-256 digest: every row of the group's
 * tables, every node and relationship of the social graph, every feed timeline key in Redis, each sorted, so two
 * models with the same content have the same digest whatever order they were written in. Caches in front of the
 * models (generational caches) are not models and are left out.
 */
final class ReadModelDigests {

    /** What a read model held: how many rows, nodes or keys, and a digest of all of them. */
    record Digest(long items, String sha256) {
        @Override
        public String toString() {
            return "%,d items, %s".formatted(items, sha256.substring(0, 16));
        }
    }

    /** The PostgreSQL tables of each group that keeps its model there. */
    private static final Map<String, List<String>> TABLES = Map.of(
            ReadModels.ACCOUNTS, List.of("accounts"),
            ReadModels.AVATARS, List.of("avatars"),
            ReadModels.FRIENDSHIPS, List.of("friendships"),
            ReadModels.WALLS, List.of("posts", "comments", "post_likes"),
            ReadModels.NOTIFICATIONS, List.of("notifications", "notification_post_participants",
                    "notification_friends_only_posts", "notification_friendships"),
            ReadModels.CONVERSATIONS, List.of("conversations", "conversation_members", "chat_messages"),
            ReadModels.LEADERBOARD, List.of("leaderboard_members", "leaderboard_acts"),
            ReadModels.REPORTS, List.of("reports", "hidden_subjects"));

    /** Every group that can be rebuilt (the ledger cannot), in the order the benchmark rebuilds them. */
    static final List<String> REBUILDABLE = List.of(ReadModels.ACCOUNTS, ReadModels.AVATARS, ReadModels.FRIENDSHIPS,
            ReadModels.SOCIAL_GRAPH, ReadModels.WALLS, ReadModels.FEED_CACHE, ReadModels.CONVERSATIONS,
            ReadModels.NOTIFICATIONS, ReadModels.LEADERBOARD, ReadModels.REPORTS);

    private final JdbcClient jdbc;
    private final Neo4jClient neo4j;
    private final StringRedisTemplate redis;

    ReadModelDigests(JdbcClient jdbc, Neo4jClient neo4j, StringRedisTemplate redis) {
        this.jdbc = jdbc;
        this.neo4j = neo4j;
        this.redis = redis;
    }

    Digest of(String group) {
        return switch (group) {
            case ReadModels.SOCIAL_GRAPH -> digest(this::graph);
            case ReadModels.FEED_CACHE -> digest(this::timelines);
            default -> digest(() -> rows(TABLES.get(group)));
        };
    }

    private List<String> rows(Collection<String> tables) {
        List<String> lines = new ArrayList<>();
        // table names are constants of this class; every column, as PostgreSQL prints the row
        tables.forEach(table -> lines.addAll(jdbc.sql("SELECT '" + table + "' || t::text FROM " + table + " t")
                .query(String.class).list()));
        return lines;
    }

    /**
     * The graph's nodes by their live labels and every relationship between them: not the bookkeeping beside them (a
     * rebuild's copy or retired version, the count of swaps, Neo4j-Migrations' records).
     */
    private List<String> graph() {
        List<String> lines = new ArrayList<>(neo4j.query("""
                        MATCH (n) WHERE n:Profile OR n:Pair OR n:ErasedProfile
                        RETURN labels(n) AS labels, properties(n) AS properties""")
                .fetchAs(String.class).mappedBy((types, record) -> sorted(record.get("labels").asList(String::valueOf))
                        + " " + new TreeMap<>(record.get("properties").asMap())).all());
        lines.addAll(neo4j.query("""
                        MATCH (a:Profile)-[r]->(b:Profile)
                        RETURN a.id AS a, type(r) AS type, properties(r) AS properties, b.id AS b""")
                .fetchAs(String.class).mappedBy((types, record) -> record.get("a").asString() + " -"
                        + record.get("type").asString() + new TreeMap<>(record.get("properties").asMap()) + "-> "
                        + record.get("b").asString()).all());
        return lines;
    }

    /**
     * The live version of the timelines, each key named without the version (which a rebuild beside it changes). The
     * counts of changes are left out: they count what happened to a set, which a replay of the same history may count
     * otherwise (a batch applied again after a failure), not what the set holds.
     */
    private List<String> timelines() {
        String version = FeedVersions.live(redis);
        List<String> lines = new ArrayList<>();
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(version + ":*").count(1000).build())) {
            keys.forEachRemaining(key -> {
                String name = key.substring(version.length() + 1);
                if (name.endsWith(FeedVersions.CHANGES)) {
                    return;
                }
                lines.add(name + " " + (name.equals(FeedVersions.TIMELINES_KEPT)
                        ? "(present)" // its value says since when, which a rebuild changes on purpose
                        : valueOf(key)));
            });
        }
        return lines;
    }

    private String valueOf(String key) {
        DataType type = redis.type(key);
        return switch (type) {
            case STRING -> redis.opsForValue().get(key);
            case SET -> new TreeMap<>(Map.of("members", sorted(redis.opsForSet().members(key)))).toString();
            case ZSET -> String.valueOf(redis.opsForZSet().rangeWithScores(key, 0, -1).stream()
                    .map(entry -> entry.getValue() + "=" + entry.getScore()).sorted().toList());
            case HASH -> new TreeMap<>(redis.opsForHash().entries(key)).toString();
            case LIST -> String.valueOf(redis.opsForList().range(key, 0, -1));
            default -> type.code();
        };
    }

    private static List<String> sorted(Collection<String> values) {
        return values == null ? List.of() : values.stream().sorted().toList();
    }

    private static Digest digest(Supplier<List<String>> dump) {
        List<String> lines = new ArrayList<>(dump.get());
        lines.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            lines.forEach(line -> sha.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return new Digest(lines.size(), HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
