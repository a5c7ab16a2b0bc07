package org.bunnybook.query.socialgraph;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versioned schema migrations for Neo4j, applied once each in version order at start-up, before any projection
 * writes: {@code classpath:neo4j/migrations/V<n>__<description>.cypher}, statements separated by {@code ;}.
 * Applied versions are recorded as {@code (:SchemaMigration {version})} nodes. Statements should be idempotent
 * ({@code IF NOT EXISTS}) so that two nodes starting together do no harm.
 */
@Component
class GraphMigrations {

    private static final Pattern FILE = Pattern.compile("V(\\d+)__.+\\.cypher");

    GraphMigrations(Neo4jClient neo4j) throws IOException {
        Resource[] scripts = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:neo4j/migrations/V*__*.cypher");
        Arrays.sort(scripts, Comparator.comparingInt(GraphMigrations::version));
        for (Resource script : scripts) {
            int version = version(script);
            boolean applied = neo4j.query("MATCH (m:SchemaMigration {version: $version}) RETURN count(m) > 0")
                    .bind(version).to("version")
                    .fetchAs(Boolean.class).one().orElse(false);
            if (!applied) {
                for (String statement : script.getContentAsString(StandardCharsets.UTF_8).split(";")) {
                    String cypher = statement.lines().filter(line -> !line.strip().startsWith("//"))
                            .reduce("", (a, b) -> a + "\n" + b).strip();
                    if (!cypher.isEmpty()) {
                        neo4j.query(cypher).run();
                    }
                }
                neo4j.query("MERGE (m:SchemaMigration {version: $version}) SET m.script = $script")
                        .bind(version).to("version")
                        .bind(script.getFilename()).to("script")
                        .run();
            }
        }
    }

    private static int version(Resource script) {
        Matcher matcher = FILE.matcher(String.valueOf(script.getFilename()));
        if (!matcher.matches()) {
            throw new IllegalStateException("not a migration file name: " + script.getFilename());
        }
        return Integer.parseInt(matcher.group(1));
    }
}
