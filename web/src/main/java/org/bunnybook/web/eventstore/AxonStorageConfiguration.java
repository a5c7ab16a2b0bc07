package org.bunnybook.web.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.bunnybook.api.ReadModels;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Axon keeps everything in PostgreSQL through its JDBC storage: events, tokens, sagas and dead letters. Axon's
 * auto-configuration builds the engine and stores from these schemas; the tables themselves are Flyway's
 * ({@code db/migration/eventstore}), with snake_case names readable from plain SQL.
 */
@Configuration
@EnableConfigurationProperties(ProcessorProperties.class)
class AxonStorageConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Tells Axon when an append lost a race for an aggregate's next sequence number (PostgreSQL's unique_violation,
     * 23505, possibly wrapped in a batch exception), so it becomes a {@code ConcurrencyException} the gateway retries.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Where each processor's segments have got to, and which node holds them. Nodes tell themselves apart by
     * {@code bunnybook.node-id}, by default Axon's process-and-host name.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                          @Value("${bunnybook.node-id:}") String nodeId) {
        JdbcTokenStore.Builder builder = JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema);
        if (!nodeId.isBlank()) {
            builder.nodeId(nodeId);
        }
        return builder.build();
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .sagaIdColumn("saga_id")
                .revisionColumn("revision")
                .sagaTypeColumn("saga_type")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * Every read model runs in its own pooled streaming processor, and an event its handler fails on is parked in
     * that group's dead-letter queue (with the rest of its sequence behind it) instead of being skipped. Registered
     * late so it overrides Axon's default, which enables dead-lettering only per property.
     * <p>
     * The ledger is the exception: a hash chain has one order, so it runs on a single segment; it starts from the
     * first event even when deployed on an existing store; and it parks nothing (an event left out would break the
     * chain): an event it fails on stops it and is retried until it passes.
     */
    @Bean
    ConfigurerModule readModelProcessing(ProcessorProperties properties, ConnectionProvider connectionProvider,
                                         TransactionManager transactionManager, DeadLetterSchema deadLetterSchema,
                                         @Qualifier("eventSerializer") Serializer eventSerializer,
                                         Serializer serializer,
                                         ObjectProvider<EventStorageEngine> storageEngine) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(org.axonframework.config.Configurer configurer) {
                configurer.registerComponent(PromptEventSource.class,
                        config -> new PromptEventSource(config.eventStore(), storageEngine.getObject(),
                                Duration.ofMillis(500)));
                configurer.eventProcessing()
                        .configureDefaultStreamableMessageSource(config -> config.getComponent(PromptEventSource.class))
                        .usingPooledStreamingEventProcessors((config, builder) -> builder
                                .initialSegmentCount(properties.initialSegmentCount())
                                .batchSize(properties.batchSize()))
                        .registerPooledStreamingEventProcessorConfiguration(ReadModels.LEDGER,
                                (config, builder) -> builder.initialSegmentCount(1)
                                        // from the first event, as a live run: Axon's default start is a replay
                                        // of the past, which the ledger (never replayed) would skip
                                        .initialToken(StreamableMessageSource::createTailToken))
                        .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance())
                        .registerDefaultDeadLetterPolicy(config -> new ParkUnlessCollided())
                        .registerDeadLetterQueueProvider(group -> ReadModels.LEDGER.equals(group) ? null
                                : config -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(group)
                                .connectionProvider(connectionProvider)
                                .transactionManager(transactionManager)
                                .schema(deadLetterSchema)
                                .genericSerializer(serializer)
                                .eventSerializer(eventSerializer)
                                .build());
            }

            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
