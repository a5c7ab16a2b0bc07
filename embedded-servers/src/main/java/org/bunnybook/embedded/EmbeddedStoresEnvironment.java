package org.bunnybook.embedded;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts a real PostgreSQL, Redis and Neo4j for every store that has no URL configured, and points Spring at them.
 * Servers are started once per JVM and shared by every application context in it (the test suite has several),
 * then stopped after the last context has closed.
 * <p>
 * {@code bunnybook.embedded.enabled=false} turns this off; {@code bunnybook.embedded.ephemeral=true} keeps the data
 * in a temporary folder deleted at exit instead of {@code bunnybook.embedded.data-dir};
 * {@code bunnybook.embedded.durable=false} lets PostgreSQL acknowledge commits before they are on disk (tests only).
 * <p>
 * The data folder is held for the life of the process ({@link DataFolder}): a second run on it is refused with a
 * clear message, and servers that a run which died without stopping them left behind are stopped before new ones
 * start on the same data, however that run ended.
 * <p>
 * The embedded Neo4j's database ({@link org.neo4j.graphdb.GraphDatabaseService}) is also a bean of every context
 * that uses it, for reads and writes in this JVM without Bolt (the query side's {@code GraphReadsConfiguration} and
 * {@code GraphWritesConfiguration}).
 */
public class EmbeddedStoresEnvironment implements EnvironmentPostProcessor, Ordered {

    private static Map<String, Object> shared;
    private static EmbeddedRedisServer redis;
    private static EmbeddedNeo4jServer neo4j;

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after everything that could configure an external store
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("bunnybook.embedded.enabled", Boolean.class, true)) {
            return;
        }
        Map<String, Object> properties = startOnce(environment);
        environment.getPropertySources().addLast(new MapPropertySource("embeddedStores", properties));
        embeddedNeo4j().ifPresent(graph -> application.addInitializers(context -> {
            // the graph itself, for reads without Bolt, in a context whose graph it is
            if (graph.boltUri().equals(context.getEnvironment().getProperty("spring.neo4j.uri"))) {
                context.getBeanFactory().registerSingleton("embeddedNeo4j", graph.database());
            }
        }));
    }

    private static synchronized Map<String, Object> startOnce(ConfigurableEnvironment environment) {
        if (shared != null) {
            return shared;
        }
        boolean ephemeral = environment.getProperty("bunnybook.embedded.ephemeral", Boolean.class, false);
        DataFolder folder = DataFolder.claim(ephemeral ? temporaryDirectory()
                : Path.of(environment.getProperty("bunnybook.embedded.data-dir", "data")).toAbsolutePath());
        Path dataDir = folder.directory();
        if (ephemeral) {
            ThrowAwayFolders.removeAbandoned(dataDir.getParent());
        } else {
            ThrowAwayFolders.stopLeftoverServers(dataDir);
        }
        Map<String, Object> properties = new HashMap<>();
        Stoppers stoppers = new Stoppers();
        stoppers.add(folder); // first in, so last out: held until every server has stopped
        if (ephemeral) {
            // once every server has stopped (Redis refuses to stop if it cannot save)
            stoppers.add(() -> deleteRecursively(dataDir));
        }

        if (!environment.containsProperty("spring.datasource.url")) {
            boolean durable = environment.getProperty("bunnybook.embedded.durable", Boolean.class, true);
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), durable);
            stoppers.add(postgres);
            properties.put("spring.datasource.url", postgres.jdbcUrl());
            properties.put("spring.datasource.username", postgres.username());
        }
        if (!environment.containsProperty("spring.data.redis.host")
                && !environment.containsProperty("spring.data.redis.url")) {
            redis = EmbeddedRedisServer.start(dataDir.resolve("redis"));
            stoppers.add(redis);
            properties.put("spring.data.redis.host", "127.0.0.1");
            properties.put("spring.data.redis.port", redis.port());
        }
        if (!environment.containsProperty("spring.neo4j.uri")) {
            neo4j = EmbeddedNeo4jServer.start(dataDir.resolve("neo4j"));
            stoppers.add(neo4j);
            properties.put("spring.neo4j.uri", neo4j.boltUri());
            properties.put("spring.neo4j.authentication.username", "neo4j");
            properties.put("spring.neo4j.authentication.password", "unused");
        }
        // Runs after every application context has closed, unlike a plain JVM hook, so nothing loses its store
        // while still shutting down.
        SpringApplication.getShutdownHandlers().add(stoppers::stopAll);
        shared = Map.copyOf(properties);
        return shared;
    }

    /** The embedded Redis of this JVM, if one was started: failure drills stop and restart it. */
    public static synchronized Optional<EmbeddedRedisServer> embeddedRedis() {
        return Optional.ofNullable(redis);
    }

    /** The embedded Neo4j of this JVM, if one was started: failure drills stop and restart it. */
    public static synchronized Optional<EmbeddedNeo4jServer> embeddedNeo4j() {
        return Optional.ofNullable(neo4j);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory(ThrowAwayFolders.PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops servers in reverse order of starting; one failing to stop does not keep the others running. */
    private static final class Stoppers {
        private final java.util.Deque<AutoCloseable> started = new java.util.ArrayDeque<>();

        void add(AutoCloseable server) {
            started.push(server);
        }

        void stopAll() {
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (Exception e) {
                    System.err.println("could not stop an embedded server: " + e);
                }
            }
        }
    }
}
