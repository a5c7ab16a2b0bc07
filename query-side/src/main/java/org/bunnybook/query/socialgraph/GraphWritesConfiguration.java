package org.bunnybook.query.socialgraph;

import org.bunnybook.platform.processing.ProjectionConnections;
import org.neo4j.driver.Driver;
import org.neo4j.graphdb.GraphDatabaseService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Commits the projection's batches in this JVM when the application's graph runs here (the embedded Neo4j of the
 * README's run mode and of the tests, whose {@link GraphDatabaseService} is then a bean). Over Bolt otherwise (a Neo4j
 * server, as in docker compose), or when {@code bunnybook.social-graph.write-in-process} is false. Both make the same
 * graph ({@code GraphWritesTest}).
 */
@Configuration(proxyBeanMethods = false)
class GraphWritesConfiguration {

    @Bean
    GraphTransactions graphTransactions(Driver driver, HomeDatabase database,
                                        ObjectProvider<GraphDatabaseService> inThisJvm,
                                        @Value("${bunnybook.social-graph.write-in-process:true}") boolean inProcess) {
        GraphDatabaseService graph = inThisJvm.getIfUnique();
        // a batch may take as long in the graph as a projection's statement may in PostgreSQL
        return inProcess && graph != null
                ? new InProcessGraphTransactions(graph, ProjectionConnections.STATEMENT_TIMEOUT)
                : new BoltGraphTransactions(driver, database);
    }
}
