package org.bunnybook.embedded;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build runs the tests as the jars' manifests run the application: with Neo4j's file channels safe from
 * interrupts.
 */
class EmbeddedNeo4jServerTest {

    @Test
    void neo4jMayMakeItsFileChannelsIgnoreInterrupts() {
        assertThat(EmbeddedNeo4jServer.channelsIgnoreInterrupts())
                .as("java.base/sun.nio.ch opened to Neo4j (the root pom's neo4j.opens.jvm)").isTrue();
    }
}
