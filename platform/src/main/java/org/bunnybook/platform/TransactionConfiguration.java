package org.bunnybook.platform;

import org.neo4j.driver.Driver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.neo4j.core.DatabaseSelectionProvider;
import org.springframework.data.neo4j.core.transaction.Neo4jTransactionManager;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;

/**
 * Two stores, two transaction managers. PostgreSQL's is primary: Axon's commands, tokens and the PostgreSQL
 * projections commit through it. Neo4j's is asked for by name; Neo4j cannot share a token's transaction, so its
 * projections are idempotent instead.
 */
@Configuration
class TransactionConfiguration {

    @Bean
    @Primary
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    Neo4jTransactionManager neo4jTransactionManager(Driver driver, DatabaseSelectionProvider databases) {
        return Neo4jTransactionManager.with(driver).withDatabaseSelectionProvider(databases).build();
    }
}
