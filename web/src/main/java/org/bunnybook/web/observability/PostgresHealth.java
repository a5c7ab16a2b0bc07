package org.bunnybook.web.observability;

import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * PostgreSQL's check ({@code db}): Spring Boot's indicator over the application's data source, which takes its
 * connections (one for the product's name, then one to check it) as a request takes one. Spring Boot's own check
 * would ask each pool behind it (platform.processing.ProjectionConnections) in turn, each waiting the connection
 * timeout while PostgreSQL is away, and readiness would take their sum.
 */
@Configuration(proxyBeanMethods = false)
class PostgresHealth {

    @Bean
    HealthIndicator dbHealthIndicator(DataSource dataSource) {
        return new DataSourceHealthIndicator(dataSource);
    }
}
