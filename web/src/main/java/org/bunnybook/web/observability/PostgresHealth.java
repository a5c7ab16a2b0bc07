package org.bunnybook.web.observability;

import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * PostgreSQL's check ({@code db}): Spring Boot's indicator over the application's data source, which, like a
 * request, takes its connections from the application's pool: one for the product's name, then one to check it. The
 * check Spring Boot would set up by itself would ask each pool behind it (platform.processing.ProjectionConnections)
 * in turn, each waiting the connection timeout while PostgreSQL is away, and readiness would take their sum.
 */
@Configuration(proxyBeanMethods = false)
class PostgresHealth {

    @Bean
    HealthIndicator dbHealthIndicator(DataSource dataSource) {
        return new DataSourceHealthIndicator(dataSource);
    }
}
