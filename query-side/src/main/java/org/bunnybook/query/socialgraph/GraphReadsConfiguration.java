package org.bunnybook.query.socialgraph;

import org.neo4j.driver.Driver;
import org.neo4j.graphdb.GraphDatabaseService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * Reads the graph in this JVM when the application's graph runs here: the embedded Neo4j of the README's run mode
 * and of the tests, whose {@link GraphDatabaseService} is then a bean. Over Bolt otherwise (a Neo4j server, as in
 * docker compose), or when {@code bunnybook.social-graph.read-in-process} is false. Both answer alike
 * ({@code GraphReadsTest}). The projection's writes are chosen alike ({@link GraphWritesConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class GraphReadsConfiguration {

    @Bean
    GraphReads graphReads(Driver driver, HomeDatabase database, ObjectProvider<GraphDatabaseService> inThisJvm,
                          @Value("${bunnybook.social-graph.read-in-process:true}") boolean inProcess,
                          // planning included: a first plan on a loaded 2-core machine took over 5 s
                          @Value("${bunnybook.social-graph.query-timeout:10s}") Duration timeout, Clock clock) {
        GraphDatabaseService graph = inThisJvm.getIfUnique();
        return inProcess && graph != null ? new InProcessGraphReads(graph, timeout, clock)
                : new BoltGraphReads(driver, database, timeout, clock);
    }
}
