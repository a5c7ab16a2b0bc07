package org.bunnybook.audit;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.bunnybook.api.Sensitive;
import org.bunnybook.platform.Conflict;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Time travel: an aggregate's state as it was after a given event (by sequence number or by instant), rebuilt the
 * way the command side rebuilds it: its own event-sourcing handlers applied to its events, upcast as the command side
 * would see them. Snapshots are not used, so the answer depends on the events alone.
 */
@Component
public class AggregateStates {

    private final EventStorageEngine storage;
    private final Configuration axon;
    private final ObjectMapper fields;
    private volatile Map<String, Class<?>> aggregateTypes;
    private final Map<Class<?>, AggregateModel<?>> models = new ConcurrentHashMap<>();

    AggregateStates(EventStorageEngine storage, Configuration axon, ObjectMapper json) {
        this.storage = storage;
        this.axon = axon;
        // an aggregate keeps its state in private fields, with no getters: show the fields, but none marked sensitive
        this.fields = json.copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public boolean hasIgnoreMarker(AnnotatedMember member) {
                        return member.hasAnnotation(Sensitive.class) || super.hasIgnoreMarker(member);
                    }
                });
    }

    /**
     * The state after the last event with a sequence number up to {@code sequence} and a timestamp up to {@code at}
     * (either may be null: no bound), or empty if the aggregate type is not one this application knows.
     */
    public Optional<AggregateState> replay(String aggregateId, String aggregateType, Long sequence, Instant at) {
        Class<?> type = aggregateTypes().get(aggregateType);
        if (type == null) {
            return Optional.empty();
        }
        return Optional.of(replay(type, aggregateId, sequence, at));
    }

    private <T> AggregateState replay(Class<T> type, String aggregateId, Long sequence, Instant at) {
        // the events are applied as they are read (the storage engine reads them a batch at a time), never held all
        // at once: a busy conversation's history replays in the memory of one aggregate, not of its history
        try (Stream<? extends DomainEventMessage<?>> stored = storage.readEvents(aggregateId, 0).asStream()) {
            Iterator<? extends DomainEventMessage<?>> events = stored
                    .takeWhile(event -> (sequence == null || event.getSequenceNumber() <= sequence)
                            && (at == null || !event.getTimestamp().isAfter(at)))
                    .iterator();
            if (!events.hasNext()) {
                return new AggregateState(aggregateId, type.getSimpleName(), null, null, 0, null);
            }
            DomainEventMessage<?> first = events.next();
            AggregateModel<T> model = model(type);
            T root = new GenericAggregateFactory<>(model).createAggregateRoot(aggregateId, first);
            EventSourcedAggregate<T> aggregate = EventSourcedAggregate.initialize(root, model, null,
                    NoSnapshotTriggerDefinition.TRIGGER);
            Applied applied = new Applied(first);
            Stream<DomainEventMessage<?>> all = Stream.concat(Stream.of(first),
                    StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED), false));
            aggregate.initializeState(DomainEventStream.of(all.peek(applied::count)));
            JsonNode state = fields.valueToTree(aggregate.getAggregateRoot());
            return new AggregateState(aggregateId, type.getSimpleName(), applied.last.getSequenceNumber(),
                    applied.last.getTimestamp(), applied.count, state);
        } catch (Exception unreadable) {
            // an event that no longer reads (altered by hand, say): the ledger's verify tells which one
            throw new Conflict("the events of " + type.getSimpleName() + " " + aggregateId
                    + " cannot be replayed: " + unreadable.getMessage());
        }
    }

    /** How many events a replay applied, and the last of them. */
    private static final class Applied {
        private DomainEventMessage<?> last;
        private int count;

        Applied(DomainEventMessage<?> first) {
            this.last = first;
        }

        void count(DomainEventMessage<?> event) {
            last = event;
            count++;
        }
    }

    /**
     * The type's model, built once, as the application builds it: command handlers may take the application's
     * services as parameters (a post's rules ask Friendships), which the model must resolve though replay calls none.
     */
    @SuppressWarnings("unchecked")
    private <T> AggregateModel<T> model(Class<T> type) {
        return (AggregateModel<T>) models.computeIfAbsent(type, known -> AnnotatedAggregateMetaModelFactory
                .inspectAggregate(known, axon.parameterResolverFactory(), axon.handlerDefinition(known)));
    }

    private Map<String, Class<?>> aggregateTypes() {
        if (aggregateTypes == null) {
            // Axon stores an aggregate's type by its simple name
            Map<String, Class<?>> types = new HashMap<>();
            for (AggregateConfiguration<?> aggregate : axon.findModules(AggregateConfiguration.class)) {
                types.put(aggregate.aggregateType().getSimpleName(), aggregate.aggregateType());
            }
            aggregateTypes = types;
        }
        return aggregateTypes;
    }

    /**
     * An aggregate as it was: after {@code eventsApplied} events, the last one numbered {@code sequence} and stored at
     * {@code timestamp}; {@code state} is its fields, null if it did not exist yet.
     */
    public record AggregateState(String aggregateId, String aggregateType, Long sequence, Instant timestamp,
                          int eventsApplied, JsonNode state) {
    }
}
