package org.bunnybook.query.socialgraph;

import org.bunnybook.embedded.EmbeddedNeo4jServer;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Reads the graph in this JVM when the application's graph is the embedded one started here (the README's run mode
 * and the tests: a bean of type {@link EmbeddedNeo4jServer} whose Bolt address is the application's), over Bolt
 * otherwise (a Neo4j server, as in docker compose) or when {@code bunnybook.social-graph.read-in-process} is false.
 * Both answer alike ({@code GraphReadsTest}); the projection writes over Bolt either way, in batches whose round trips
 * are shared.
 */
@Configuration(proxyBeanMethods = false)
class GraphReadsConfiguration {

    @Bean
    GraphReads graphReads(Driver driver, HomeDatabase database, ObjectProvider<EmbeddedNeo4jServer> embedded,
                          @Value("${spring.neo4j.uri:}") String uri,
                          @Value("${bunnybook.social-graph.read-in-process:true}") boolean inProcess,
                          // planning included: a first plan on a loaded 2-core machine took over 5 s
                          @Value("${bunnybook.social-graph.query-timeout:10s}") Duration timeout) {
        return embedded.stream()
                .filter(graph -> inProcess && graph.boltUri().equals(uri))
                .findFirst()
                .<GraphReads>map(graph -> new InProcessGraphReads(graph, timeout))
                .orElseGet(() -> new BoltGraphReads(driver, database, timeout));
    }
}
