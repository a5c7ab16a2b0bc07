package org.bunnybook.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.bunnybook.platform.processing.ProcessorProperties;
import org.bunnybook.platform.processing.ProjectionConnections;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * PostgreSQL's connections: two Hikari pools behind one data source ({@link ProjectionConnections}) in place of
 * Spring Boot's one pool. Each is configured as Boot's was, by {@code spring.datasource.*} and
 * {@code spring.datasource.hikari.*}; the projections' is sized by {@code bunnybook.processors.pool-size} and opens
 * its sessions with their settings.
 */
@Configuration
class DataSourceConfiguration {

    @Bean
    ProjectionConnections dataSource(DataSourceProperties properties, Environment environment,
                                     ObjectProvider<MeterRegistry> meters, ProcessorProperties processors) {
        HikariDataSource projections = pool(properties, environment, meters, "postgres-projections");
        projections.setMaximumPoolSize(processors.poolSize());
        ProjectionConnections.openWithProjectionSettings(projections);
        return new ProjectionConnections(pool(properties, environment, meters, "postgres"), projections);
    }

    private static HikariDataSource pool(DataSourceProperties properties, Environment environment,
                                         ObjectProvider<MeterRegistry> meters, String name) {
        HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        pool.setPoolName(name);
        meters.ifAvailable(pool::setMetricRegistry);
        return pool;
    }
}
