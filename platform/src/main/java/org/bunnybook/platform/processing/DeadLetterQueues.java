package org.bunnybook.platform.processing;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Makes the dead-letter queue of a processor: Axon's JDBC queue, never full ({@link UnboundedDeadLetterQueue}), asked
 * once a batch which sequences are parked ({@link ParkedSequencesPerBatch}). The live processors and those that
 * rebuild a read model beside them get the same: a rebuild's processor with Axon's plain queue asked PostgreSQL once
 * an event (a third of its time) and stopped after 1,024 parked sequences.
 */
@Component
public class DeadLetterQueues {

    private final ConnectionProvider connectionProvider;
    private final TransactionManager transactionManager;
    private final DeadLetterSchema schema;
    private final Serializer serializer;
    private final Serializer eventSerializer;
    private final EventStoreTables tables;
    private final ParkedHere parkedHere;

    DeadLetterQueues(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                     DeadLetterSchema schema, Serializer serializer,
                     @Qualifier("eventSerializer") Serializer eventSerializer, EventStoreTables tables,
                     ParkedHere parkedHere) {
        this.parkedHere = parkedHere;
        this.connectionProvider = connectionProvider;
        this.transactionManager = transactionManager;
        this.schema = schema;
        this.serializer = serializer;
        this.eventSerializer = eventSerializer;
        this.tables = tables;
    }

    /** The queue of the processor named {@code processor} (a processing group, or a rebuild's processor). */
    public SequencedDeadLetterQueue<EventMessage<?>> of(String processor) {
        return new ParkedSequencesPerBatch(new UnboundedDeadLetterQueue(JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(processor)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(schema)
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer), () -> parkedHere.parked(processor)), processor, tables);
    }
}
