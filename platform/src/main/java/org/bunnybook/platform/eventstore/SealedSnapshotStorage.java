package org.bunnybook.platform.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC storage engine as its auto-configuration builds it, except that snapshots are sealed when stored and
 * ignored when their seal does not hold ({@link SnapshotSeals}), besides the aggregates' own snapshot filters (the
 * revision a snapshot was taken at, say), that an aggregate's events are read without a last, empty query, and that
 * the processing groups can read the store's events one fetch at a time, each event's time parsed once
 * ({@link SingleFetchStorageEngine}, which also sets the gap settings: Axon's defaults). The event store on it reads an
 * aggregate's snapshot and events in one query ({@link OneReadEventStore}).
 */
@Configuration
class SealedSnapshotStorage {

    /**
     * The engine's one fetch size (Axon's default): an aggregate's events are read this many sequence numbers at a
     * time, and the store's events this many positions at a time ({@link SharedReads#EVENTS_PER_READ}).
     */
    static final int BATCH_SIZE = 100;

    @Bean
    SingleFetchStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                PersistenceExceptionResolver persistenceExceptionResolver,
                                                @Qualifier("eventSerializer") Serializer eventSerializer,
                                                org.axonframework.config.Configuration configuration,
                                                ConnectionProvider connectionProvider,
                                                TransactionManager transactionManager, EventSchema eventSchema,
                                                SnapshotSeals snapshotSeals) {
        return new SingleFetchStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .appendSnapshot(snapshotSeals)
                .connectionProvider(connectionProvider)
                .schema(eventSchema)
                .batchSize(BATCH_SIZE)
                // Axon's JDBC engine reads an aggregate by ranges of sequence numbers until one comes back empty, in
                // case of gaps: an extra round trip for every aggregate a command loads. An aggregate's sequence
                // numbers have none (Axon numbers them one by one, the unique key refuses a second claim, and no
                // event is ever deleted), so a range with fewer events than it spans is the last. Whatever deletes
                // events one day must keep it so: past a gap, an aggregate would load short and never append again.
                .finalAggregateBatchPredicate(batch -> batch.size() < BATCH_SIZE),
                transactionManager, configuration.snapshotFilter().combine(snapshotSeals));
    }

    /**
     * Axon's embedded event store as its auto-configuration builds it (which yields to this bean), reading aggregates
     * in one query.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(SingleFetchStorageEngine storageEngine,
                                  org.axonframework.config.Configuration configuration) {
        return new OneReadEventStore(EmbeddedEventStore.builder()
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)), storageEngine);
    }
}
