package org.bunnybook.query.testing;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathHandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MultiHandlerDefinition;
import org.axonframework.messaging.annotation.MultiHandlerEnhancerDefinition;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands events (api-contracts records) to the test context's projection as Axon's processor would: each in a unit of
 * work with the read model's transaction attached, through the projection's {@code @EventHandler} methods, with the
 * message's identifier, timestamp and aggregate sequence number for the handlers that ask for them. Pushes the
 * projection asks for after commit happen once the transaction has committed.
 * <pre>
 * events.given(post, ann.writes(post), bob.likes(post, ann));
 * </pre>
 * Events of one aggregate are numbered from 0, on from where the aggregate's events given before left off.
 */
public final class ProjectionEvents {

    /** As if a processor had been reset at this position and were still below it: every message is a replay. */
    private static final GlobalSequenceTrackingToken RESET_AT = new GlobalSequenceTrackingToken(Long.MAX_VALUE - 1);

    private final ApplicationContext context;
    private final SpringTransactionManager unitOfWorkTransactions;
    private final TransactionTemplate transaction;
    private final Map<String, Long> nextSequence = new ConcurrentHashMap<>();
    private volatile AnnotationEventHandlerAdapter projection;

    ProjectionEvents(ApplicationContext context, PlatformTransactionManager transactions) {
        this.context = context;
        this.unitOfWorkTransactions = new SpringTransactionManager(transactions);
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Live events, happening now, applied in this order by the aggregate {@code aggregateId}; answers them. */
    public List<DomainEventMessage<?>> given(Object aggregateId, Object... payloads) {
        return givenAt(Instant.now(), aggregateId, payloads);
    }

    /** Events that happened at {@code at} and are handled now, e.g. by a projection deployed long after them. */
    public List<DomainEventMessage<?>> givenAt(Instant at, Object aggregateId, Object... payloads) {
        List<DomainEventMessage<?>> messages = messages(at, aggregateId, payloads);
        deliver(messages);
        return messages;
    }

    /** Events handled again while the projection is being rebuilt (a replay), as they happened just now. */
    public List<DomainEventMessage<?>> replayed(Object aggregateId, Object... payloads) {
        List<DomainEventMessage<?>> messages = messages(Instant.now(), aggregateId, payloads);
        long position = 0;
        for (DomainEventMessage<?> message : messages) {
            handle(new GenericTrackedDomainEventMessage<>(ReplayToken.createReplayToken(RESET_AT,
                    new GlobalSequenceTrackingToken(position++)), message));
        }
        return messages;
    }

    /** The aggregate's next events as messages, numbered on, without handing them over (e.g. to store them first). */
    public List<DomainEventMessage<?>> messages(Instant at, Object aggregateId, Object... payloads) {
        String aggregate = aggregateId.toString();
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (Object payload : payloads) {
            long sequence = nextSequence.merge(aggregate, 1L, Long::sum) - 1;
            messages.add(new GenericDomainEventMessage<>(aggregateType(payload), aggregate, sequence, payload,
                    MetaData.emptyInstance(), UUID.randomUUID().toString(), at));
        }
        return messages;
    }

    /** Hands over messages as they are: given again, they are the same event delivered twice. */
    public void deliver(List<? extends EventMessage<?>> messages) {
        messages.forEach(this::handle);
    }

    /**
     * Hands over messages as one batch of a processor's segment: one unit of work and one transaction for all of
     * them, writes a projection holds for the batch ({@code BatchBuffers}) sent just before it commits, and what the
     * projection asks to happen after commit happens once they all committed.
     */
    public void deliverInOneBatch(List<? extends EventMessage<?>> messages) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(new ArrayList<>(messages));
        // a processor name of its own: a failed batch makes its segment handle the next in savepoints, one by one
        batch.resources().put("Processor[test-batch-" + UUID.randomUUID() + "]/SegmentId", 0);
        batch.attachTransaction(unitOfWorkTransactions);
        ResultMessage<?> result = batch.executeWithResult(() -> projection().handle(batch.getMessage()));
        if (result.isExceptional()) {
            throw new AssertionError("the projection failed on a batch of " + messages.size(),
                    result.exceptionResult());
        }
    }

    /** Runs the projection's {@code @ResetHandler}, in a transaction as a processor's reset does. */
    public void reset() {
        transaction.executeWithoutResult(status -> projection().prepareReset());
    }

    private void handle(EventMessage<?> message) {
        UnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        unitOfWork.attachTransaction(unitOfWorkTransactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> projection().handle(message));
        if (result.isExceptional()) {
            throw new AssertionError("the projection failed on " + message.getPayload(), result.exceptionResult());
        }
    }

    /**
     * The one bean of the context in a processing group, found when first needed, its handlers enhanced as the
     * application's processors enhance them (the platform's savepoints, on which batched writes rely).
     */
    private AnnotationEventHandlerAdapter projection() {
        if (projection == null) {
            Map<String, Object> projections = context.getBeansWithAnnotation(ProcessingGroup.class);
            if (projections.size() != 1) {
                throw new IllegalStateException("expected one projection in the test context, found "
                        + projections.keySet());
            }
            Object bean = projections.values().iterator().next();
            Class<?> type = AopUtils.getTargetClass(bean);
            List<HandlerEnhancerDefinition> enhancers = new ArrayList<>();
            enhancers.add(ClasspathHandlerEnhancerDefinition.forClass(type)); // Axon's own: @DisallowReplay, …
            enhancers.addAll(context.getBeansOfType(HandlerEnhancerDefinition.class).values());
            projection = new AnnotationEventHandlerAdapter(bean, ClasspathParameterResolverFactory.forClass(type),
                    MultiHandlerDefinition.ordered(List.of(ClasspathHandlerDefinition.forClass(type)),
                            MultiHandlerEnhancerDefinition.ordered(enhancers)));
        }
        return projection;
    }

    /** Post events belong to "Post" aggregates, friendship events to "Friendship" ones, and so on. */
    private static String aggregateType(Object payload) {
        String feature = payload.getClass().getPackageName();
        feature = feature.substring(feature.lastIndexOf('.') + 1);
        return Character.toUpperCase(feature.charAt(0)) + feature.substring(1);
    }
}
