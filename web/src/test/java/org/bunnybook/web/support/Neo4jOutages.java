package org.bunnybook.web.support;

import org.bunnybook.embedded.EmbeddedNeo4jServer;
import org.bunnybook.embedded.EmbeddedStoresEnvironment;
import org.neo4j.driver.Driver;

import java.time.Duration;

import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/** Stopping the embedded Neo4j under a running application, for tests. */
public final class Neo4jOutages {

    private Neo4jOutages() {
    }

    /** The embedded Neo4j; skips the test when the application uses another one. */
    public static EmbeddedNeo4jServer embeddedNeo4j() {
        var embedded = EmbeddedStoresEnvironment.embeddedNeo4j();
        assumeThat(embedded).as("needs the embedded Neo4j to stop it").isPresent();
        return embedded.get();
    }

    /** Restarts Neo4j and waits until the application's driver reaches it again, as later tests expect. */
    public static void restart(EmbeddedNeo4jServer neo4j, Driver application) {
        neo4j.restart();
        await("the application reconnecting to Neo4j").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> {
                    application.verifyConnectivity();
                    return true;
                });
    }
}
