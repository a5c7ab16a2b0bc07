package org.bunnybook.query.cache;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The cache retirements owed to Redis, in PostgreSQL ({@code cache_retirements}): written in the transaction of the
 * batch that changed their subjects (a statement joins the transaction running on its thread), so they commit with
 * the change or not at all, and deleted once Redis has moved the subjects' generations on. Whatever a node could not
 * retire, because Redis was unreachable from it or because it died first, is found here by any other node.
 */
@Component
public class OwedRetirements {

    /** One owed retirement. */
    public record Owed(long id, String subject) {
    }

    private final JdbcClient jdbc;

    OwedRetirements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that these subjects' cached values are to be retired; answers the rows' ids. */
    List<Long> owe(String namespace, Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        INSERT INTO cache_retirements (namespace, subject)
                        SELECT :namespace, subject FROM unnest(CAST(:subjects AS TEXT[])) AS subject
                        RETURNING id""")
                .param("namespace", namespace)
                .param("subjects", subjects.toArray(String[]::new))
                .query(Long.class).list();
    }

    /** Forgets retirements that have been carried out. */
    void settle(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM cache_retirements WHERE id = ANY (CAST(:ids AS bigint[]))")
                    .param("ids", ids.toArray(Long[]::new)).update();
        }
    }

    /**
     * Retirements of the namespace committed at least {@code olderThan} ago, oldest first: younger ones are still
     * being carried out by the node that owes them.
     */
    List<Owed> owedFor(String namespace, Duration olderThan, int limit) {
        return jdbc.sql("""
                        SELECT id, subject FROM cache_retirements
                        WHERE namespace = :namespace AND owed_at < now() - make_interval(secs => :seconds)
                        ORDER BY id LIMIT :limit""")
                .param("namespace", namespace)
                .param("seconds", olderThan.toMillis() / 1000.0)
                .param("limit", limit)
                .query((row, i) -> new Owed(row.getLong("id"), row.getString("subject"))).list();
    }
}
