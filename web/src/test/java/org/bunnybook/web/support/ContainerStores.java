package org.bunnybook.web.support;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.neo4j.Neo4jContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.util.Map;

/**
 * With {@code -Dbunnybook.test.stores=containers} and a Docker engine, the suite runs against the images that
 * docker-compose uses (postgres:17, redis:7, neo4j:5) instead of the embedded servers. Containers start once per
 * test JVM; Testcontainers removes them when it ends. Runs before the embedded servers are considered, which then
 * see every store configured and start none.
 */
public class ContainerStores implements EnvironmentPostProcessor, Ordered {

    private static Map<String, Object> shared;

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20; // after application.yml and the test properties are loaded
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!"containers".equals(System.getProperty("bunnybook.test.stores"))) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("containerStores", startOnce()));
    }

    private static synchronized Map<String, Object> startOnce() {
        if (shared != null) {
            return shared;
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("bunnybook.test.stores=containers needs a Docker engine");
        }
        var postgres = new PostgreSQLContainer("postgres:17");
        var redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
        var neo4j = new Neo4jContainer("neo4j:5").withoutAuthentication();
        postgres.start();
        redis.start();
        neo4j.start();
        shared = Map.of(
                "spring.datasource.url", postgres.getJdbcUrl(),
                "spring.datasource.username", postgres.getUsername(),
                "spring.datasource.password", postgres.getPassword(),
                "spring.data.redis.host", redis.getHost(),
                "spring.data.redis.port", redis.getMappedPort(6379),
                "spring.neo4j.uri", neo4j.getBoltUrl(),
                "spring.neo4j.authentication.username", "neo4j",
                "spring.neo4j.authentication.password", "unused");
        return shared;
    }
}
