package org.bunnybook.embedded;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

/**
 * Starts the embedded PostgreSQL and Redis the way the application does, in a process of its own that a test can
 * kill as a member's {@code kill -9} would, then waits. Prints one line, {@code READY <jdbc url> <redis port>}, or
 * {@code REFUSED <message>} if it may not start. Arguments: {@code data-dir <folder>} or {@code ephemeral}.
 */
public final class StoresInAnotherProcess {

    private StoresInAnotherProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("run", Map.of(
                "bunnybook.embedded.durable", "false",
                "bunnybook.embedded.ephemeral", Boolean.toString(args[0].equals("ephemeral")),
                "bunnybook.embedded.data-dir", args.length > 1 ? args[1] : "unused",
                "spring.neo4j.uri", "bolt://127.0.0.1:1"))); // Neo4j runs inside the process: it dies with it
        try {
            new EmbeddedStoresEnvironment().postProcessEnvironment(environment, new SpringApplication());
        } catch (IllegalStateException refused) {
            System.out.println("REFUSED " + refused.getMessage());
            System.exit(3);
        }
        System.out.println("READY " + environment.getProperty("spring.datasource.url") + " "
                + environment.getProperty("spring.data.redis.port"));
        Thread.sleep(Long.MAX_VALUE);
    }
}
