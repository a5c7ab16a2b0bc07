package org.bunnybook.platform.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC storage engine as its auto-configuration builds it, except that snapshots are sealed when stored and
 * ignored when their seal does not hold ({@link SnapshotSeals}), besides the aggregates' own snapshot filters (the
 * revision a snapshot was taken at, say), and that an aggregate's events are read without a last, empty query.
 */
@Configuration
class SealedSnapshotStorage {

    /** Axon's default: events of one aggregate are read this many sequence numbers at a time. */
    static final int AGGREGATE_BATCH = 100;

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager, EventSchema eventSchema,
                                          SnapshotSeals snapshotSeals) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter().combine(snapshotSeals))
                .appendSnapshot(snapshotSeals)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(AGGREGATE_BATCH)
                // Axon's JDBC engine reads an aggregate by ranges of sequence numbers until one comes back empty, in
                // case of gaps: an extra round trip for every aggregate a command loads. An aggregate's sequence
                // numbers have none (Axon numbers them one by one, the unique key refuses a second claim, and no
                // event is ever deleted), so a range with fewer events than it spans is the last.
                .finalAggregateBatchPredicate(batch -> batch.size() < AGGREGATE_BATCH)
                .build();
    }
}
