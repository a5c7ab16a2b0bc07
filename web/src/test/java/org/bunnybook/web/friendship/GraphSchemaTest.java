package org.bunnybook.web.friendship;

import ac.simons.neo4j.migrations.core.Migrations;
import org.bunnybook.web.support.BunnybookTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.neo4j.core.Neo4jClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The social graph's schema comes from {@code classpath:neo4j/migrations}, applied by Neo4j-Migrations at start-up;
 * a graph that the hand-written runner it replaced had already migrated takes the same scripts without harm.
 */
@BunnybookTest
class GraphSchemaTest {

    @Autowired
    Neo4jClient neo4j;

    @Autowired
    Migrations migrations;

    @Test
    void theGraphHasItsConstraintsAndIndexOnceTheApplicationHasStarted() {
        assertSchema();
        assertThat(neo4j.query("MATCH (m:__Neo4jMigration) WHERE m.version <> 'BASELINE' RETURN m.version")
                .fetchAs(String.class).all()).contains("1", "2", "3", "4");
    }

    @Test
    void aGraphTheHandWrittenRunnerMigratedTakesTheScriptsAgainWithoutHarm() {
        // as the old runner left a graph: the schema in place, its own records, none of the library's
        neo4j.query("MATCH (m:__Neo4jMigration) DETACH DELETE m").run();
        neo4j.query("MERGE (m:SchemaMigration {version: 1}) SET m.script = 'V1__profiles_and_pairs.cypher'").run();

        migrations.apply();

        assertSchema();
        assertThat(neo4j.query("MATCH (m:SchemaMigration) RETURN count(m)").fetchAs(Long.class).one())
                .as("the old runner's records are gone").contains(0L);
        assertThat(neo4j.query("MATCH (m:__Neo4jMigration) WHERE m.version <> 'BASELINE' RETURN m.version")
                .fetchAs(String.class).all()).containsExactlyInAnyOrder("1", "2", "3", "4");
    }

    private void assertSchema() {
        assertThat(neo4j.query("SHOW CONSTRAINTS YIELD name RETURN name").fetchAs(String.class).all())
                .contains("profile_id", "pair_id", "erased_profile_id", "rebuild_profile_id", "rebuild_pair_id",
                        "rebuild_erased_profile_id");
        assertThat(neo4j.query("SHOW INDEXES YIELD name RETURN name").fetchAs(String.class).all())
                .contains("profile_key");
    }
}
