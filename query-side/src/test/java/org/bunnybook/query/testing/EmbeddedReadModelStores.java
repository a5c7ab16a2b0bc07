package org.bunnybook.query.testing;

import org.bunnybook.embedded.EmbeddedNeo4jServer;
import org.bunnybook.embedded.EmbeddedPostgresServer;
import org.bunnybook.embedded.EmbeddedRedisServer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL, Redis and Neo4j for read-model tests, started once per JVM in a temporary folder and shared by
 * every test context in it (fresh ids keep tests apart, not fresh servers); stopped and deleted when the JVM exits.
 * As an initializer it points a test context at them and adds {@link ReadModelTestConfiguration} and Neo4j's database
 * itself, as the application's embedded stores do.
 */
public final class EmbeddedReadModelStores implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static Servers servers;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("readModelStores",
                servers().properties()));
        new AnnotatedBeanDefinitionReader((BeanDefinitionRegistry) context)
                .register(ReadModelTestConfiguration.class);
        // read in-process, as the application reads the embedded graph
        context.getBeanFactory().registerSingleton("embeddedNeo4j", servers().neo4j().database());
    }

    /** This JVM's Neo4j, for tests that see what happens while it is away. */
    public static EmbeddedNeo4jServer neo4j() {
        return servers().neo4j();
    }

    /** This JVM's Redis, for tests that see what happens while it is away. */
    public static EmbeddedRedisServer redis() {
        return servers().redis();
    }

    private static synchronized Servers servers() {
        if (servers == null) {
            servers = Servers.start();
            Runtime.getRuntime().addShutdownHook(new Thread(servers::stop, "read-model-stores-stop"));
        }
        return servers;
    }

    private record Servers(Path directory, EmbeddedPostgresServer postgres, EmbeddedRedisServer redis,
                           EmbeddedNeo4jServer neo4j) {

        static Servers start() {
            try {
                Path directory = Files.createTempDirectory("bunnybook-read-models-");
                // throw-away data: commits need not reach the disk before they are acknowledged (durable = false)
                return new Servers(directory, EmbeddedPostgresServer.start(directory.resolve("postgres"), false),
                        EmbeddedRedisServer.start(directory.resolve("redis")),
                        EmbeddedNeo4jServer.start(directory.resolve("neo4j")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Map<String, Object> properties() {
            return Map.of(
                    "spring.datasource.url", postgres.jdbcUrl(),
                    "spring.datasource.username", postgres.username(),
                    // every test class has a context of its own, and Spring keeps them all open
                    "spring.datasource.hikari.maximum-pool-size", 3,
                    "spring.flyway.locations", "classpath:db/migration",
                    "spring.data.redis.host", "127.0.0.1",
                    "spring.data.redis.port", redis.port(),
                    "spring.data.redis.timeout", "1s",
                    "spring.neo4j.uri", neo4j.boltUri(),
                    "spring.neo4j.authentication.username", "neo4j",
                    "spring.neo4j.authentication.password", "unused");
        }

        void stop() {
            for (AutoCloseable server : new AutoCloseable[]{neo4j, redis, postgres}) {
                try {
                    server.close();
                } catch (Exception e) {
                    System.err.println("could not stop an embedded server: " + e);
                }
            }
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + directory + ": " + e);
            }
        }
    }
}
