package org.bunnybook.query.ledger;

import org.bunnybook.platform.processing.NodeName;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.bunnybook.platform.integrity.IntegrityKey;
import org.bunnybook.platform.processing.StoredTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.util.List;

/**
 * Appends events to {@code domain_event_entry} through Axon's own JDBC storage engine, with the platform's event
 * schema and a JSON serializer as the application has them, so that the ledger chains rows exactly as Axon writes them.
 */
class StoredEvents {

    private final JdbcEventStorageEngine storage;

    private StoredEvents(JdbcEventStorageEngine storage) {
        this.storage = storage;
    }

    /** Stores the events in one transaction, as an aggregate's command would. */
    void append(List<? extends EventMessage<?>> events) {
        storage.appendEvents(events);
    }

    /**
     * The platform's storage configuration (the schema of Axon's tables) and its door to them, with what they need.
     * Not a {@code @Configuration}, so that no component scan finds it.
     */
    @ComponentScan(basePackages = "org.bunnybook.platform.eventstore", useDefaultFilters = false, includeFilters =
    @ComponentScan.Filter(type = FilterType.REGEX,
            pattern = "org\\.bunnybook\\.platform\\.eventstore\\.(AxonStorageConfiguration|EventStoreTables|EventStoreHead"
            + "|SnapshotSeals)"))
    @Import({IntegrityKey.class, StoredTokens.class})
    static class Storage {

        @Bean
        ConnectionProvider connectionProvider(DataSource dataSource) {
            return new SpringDataSourceConnectionProvider(dataSource);
        }

        @Bean
        Serializer serializer() {
            return JacksonSerializer.defaultSerializer();
        }

        @Bean
        NodeName nodeName() {
            return new NodeName("ledger-test");
        }

        @Bean
        StoredEvents storedEvents(JdbcEventStorageEngine storage) {
            return new StoredEvents(storage);
        }

        @Bean
        JdbcEventStorageEngine storage(ConnectionProvider connections, PlatformTransactionManager transactions,
                                       EventSchema schema, Serializer serializer,
                                       PersistenceExceptionResolver persistenceExceptions) {
            return JdbcEventStorageEngine.builder()
                    .connectionProvider(connections)
                    .transactionManager(new SpringTransactionManager(transactions))
                    .schema(schema)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .persistenceExceptionResolver(persistenceExceptions)
                    .build();
        }
    }
}
