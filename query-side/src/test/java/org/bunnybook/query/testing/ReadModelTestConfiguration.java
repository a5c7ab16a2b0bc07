package org.bunnybook.query.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ac.simons.neo4j.migrations.springframework.boot.autoconfigure.MigrationsAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.data.neo4j.Neo4jDataAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.neo4j.Neo4jAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.ApplicationContext;
import org.bunnybook.query.cache.OwedRetirements;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.convert.ConversionService;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What every read-model test context holds: Spring Boot's clients for the three stores (as the application configures
 * them, Flyway migrations included) and its conversion of settings, the platform's transaction managers, Redis client options and clock, a meter
 * registry, recorded pushes, and {@link ProjectionEvents} to hand the context's projection its events.
 * <p>
 * Deliberately not a {@code @Configuration}: these classes reach web's tests too (query-side's test-jar), where the
 * application scans every {@code org.bunnybook} package for components, and must not join its context there.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
        JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class, TransactionAutoConfiguration.class,
        RedisAutoConfiguration.class, Neo4jAutoConfiguration.class, Neo4jDataAutoConfiguration.class,
        MigrationsAutoConfiguration.class, JacksonAutoConfiguration.class})
// the platform's own configurations, which are not public: the tests run with what production runs with
@ComponentScan(basePackages = "org.bunnybook.platform", useDefaultFilters = false, includeFilters = @ComponentScan.Filter(
        type = FilterType.REGEX,
        pattern = "org\\.bunnybook\\.platform\\.(TransactionConfiguration|RedisConfiguration|ClockConfiguration"
                + "|redis\\.RedisCircuit|processing\\.(BatchBuffers|BatchedStatements|SavepointOnRetry))"))
// where the caches owe their retirements (every read model with a cache has one)
@ComponentScan(basePackages = "org.bunnybook.query.cache", useDefaultFilters = false, includeFilters = @ComponentScan.Filter(
        type = FilterType.ASSIGNABLE_TYPE, classes = OwedRetirements.class))
class ReadModelTestConfiguration {

    /** Converts settings as the application does ({@code 500ms} to a Duration, say). */
    @Bean
    static ConversionService conversionService() {
        return ApplicationConversionService.getSharedInstance();
    }

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    RecordedPushes recordedPushes() {
        return new RecordedPushes();
    }

    @Bean
    ProjectionEvents projectionEvents(ApplicationContext context, PlatformTransactionManager transactions) {
        return new ProjectionEvents(context, transactions);
    }
}
