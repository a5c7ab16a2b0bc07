package org.bunnybook.web.support;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application on a real port, against real PostgreSQL, Redis and Neo4j servers (embedded, started once per
 * test JVM). Every test class uses this same configuration so that Spring's context cache shares one application.
 * Tests stay independent by creating their own members, never by resetting stores. Metrics and traces are on as in
 * production (Spring's tests turn them off unless asked), so that tests can read them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@AutoConfigureObservability
public @interface BunnybookTest {
}
