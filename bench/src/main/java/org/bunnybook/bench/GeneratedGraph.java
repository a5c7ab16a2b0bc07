package org.bunnybook.bench;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Writes generated members and friendships into both friendship read models, in batches. */
final class GeneratedGraph {

    private static final int BATCH = 5000;

    private final Neo4jClient neo4j;
    private final JdbcClient jdbc;

    GeneratedGraph(Neo4jClient neo4j, JdbcClient jdbc) {
        this.neo4j = neo4j;
        this.jdbc = jdbc;
    }

    void load(List<UUID> ids, Map<UUID, String> names, List<UUID[]> friendships) {
        for (List<UUID> batch : batches(ids)) {
            List<Map<String, Object>> rows = batch.stream().map(id -> Map.<String, Object>of("id", id.toString(),
                    "username", names.get(id), "key", names.get(id).toLowerCase(Locale.ROOT))).toList();
            neo4j.query("UNWIND $rows AS row CREATE (:Profile {id: row.id, username: row.username, key: row.key})")
                    .bind(rows).to("rows").run();
        }
        for (List<UUID[]> batch : batches(friendships)) {
            List<Map<String, Object>> rows = batch.stream()
                    .map(pair -> Map.<String, Object>of("a", pair[0].toString(), "b", pair[1].toString())).toList();
            neo4j.query("""
                            UNWIND $rows AS row
                            MATCH (a:Profile {id: row.a}), (b:Profile {id: row.b})
                            CREATE (a)-[:FRIEND]->(b)""")
                    .bind(rows).to("rows").run();
            List<UUID> profiles = new ArrayList<>();
            List<UUID> friends = new ArrayList<>();
            List<String> friendNames = new ArrayList<>();
            for (UUID[] pair : batch) {
                profiles.add(pair[0]);
                friends.add(pair[1]);
                friendNames.add(names.get(pair[1]));
                profiles.add(pair[1]);
                friends.add(pair[0]);
                friendNames.add(names.get(pair[0]));
            }
            jdbc.sql("""
                            INSERT INTO friendships (profile_id, friend_id, friend_username, since)
                            SELECT p, f, n, now() FROM unnest(:profiles::uuid[], :friends::uuid[], :names::text[])
                                AS t(p, f, n)""")
                    .param("profiles", profiles.toArray(UUID[]::new))
                    .param("friends", friends.toArray(UUID[]::new))
                    .param("names", friendNames.toArray(String[]::new))
                    .update();
        }
        jdbc.sql("ANALYZE friendships").update();
    }

    private static <T> List<List<T>> batches(List<T> items) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            batches.add(items.subList(from, Math.min(items.size(), from + BATCH)));
        }
        return batches;
    }
}
