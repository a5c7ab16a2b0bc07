package org.bunnybook.query.socialgraph;

import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild's copy of the social graph is lost only when the rebuild's own node is gone: a Neo4j that lost it, or
 * someone who removed it. Swapped in by a switch that may yet fail to commit, it is not ({@code SocialGraphRebuildTest}
 * rebuilds through the admin API).
 */
@ReadModelTest({SocialGraphCopy.class, HomeDatabase.class, SocialGraphCache.class})
class SocialGraphCopyTest {

    @Autowired
    SocialGraphCopy copy;

    @Autowired
    Driver driver;

    @Autowired
    HomeDatabase database;

    @AfterEach
    void dropTheCopy() {
        copy.drop();
    }

    @Test
    void aCopyIsLostOnlyIfItsRebuildsNodeIsGoneNotOnceSwappedIn() {
        copy.create(7);
        assertThat(copy.lost(7)).isFalse();
        assertThat(copy.lost(8)).as("another rebuild's copy").isTrue();

        run("MATCH (rebuild:GraphRebuild {id: $rebuild}) SET rebuild.swapped = true", 7);
        assertThat(copy.lost(7)).as("swapped in by a switch that may yet fail to commit").isFalse();

        run("MATCH (rebuild:GraphRebuild {id: $rebuild}) DELETE rebuild", 7);
        assertThat(copy.lost(7)).isTrue();
    }

    /** What a swap retired is left behind until cleared away: by the switch's node, or by dropping the rebuild. */
    @Test
    void aCopyOrWhatItsSwapRetiredIsLeftBehindUntilDropped() {
        assertThat(copy.leftBehind()).isFalse();
        copy.create(7);
        assertThat(copy.leftBehind()).isTrue();
        run("MATCH (rebuild:GraphRebuild {id: $rebuild}) SET rebuild.swapped = true", 7);
        assertThat(copy.leftBehind()).isTrue();

        copy.drop();
        assertThat(copy.leftBehind()).isFalse();
    }

    private void run(String cypher, long rebuild) {
        try (Session session = driver.session(database.sessions(AccessMode.WRITE))) {
            session.run(cypher, Map.of("rebuild", rebuild)).consume();
        }
    }
}
