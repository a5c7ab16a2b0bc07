package org.bunnybook.platform.projection;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.common.AxonThreadFactory;
import org.bunnybook.platform.eventstore.PromptEventSource;
import org.bunnybook.platform.processing.CommittedBatches;
import org.bunnybook.platform.processing.DeadLetterQueues;
import org.bunnybook.platform.processing.ProjectionTransactions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * This node's processors of rebuilds beside the live read model: for a group, a second pooled streaming processor
 * over the very handlers of the live one (same projection beans, same savepoints, same sequencing), with tokens and
 * parked events of its own under {@link ReadModelCopy#shadowProcessor()}, writing the copy (PostgreSQL tables through
 * {@link ShadowSearchPath}). Its units of work are marked as writing {@link RebuildCopies}: it pushes nothing to
 * browsers and retires no cached value, the live processor does.
 */
@Component
class ShadowProcessors {

    private final EventProcessingConfiguration processing;
    private final ObjectProvider<Configuration> axon;
    private final TokenStore tokenStore;
    /** The live processors' kind of transaction: the copies are derived data as much as the live tables are. */
    private final TransactionManager transactions;
    private final DeadLetterQueues deadLetterQueues;
    /**
     * Larger than a live processor's: a rebuild's batches are always full, and each costs its round trips (the
     * search path, the parked sequences, the token, the commit) whatever its size, while no one waits to see a batch
     * of copies that are switched in whole. Live batches stay small: under load a larger one holds back what members
     * see until it commits (docs/performance.md, "Tried and left out: batches of 1,000").
     */
    private final int batchSize;
    private final CommittedBatches committedBatches;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    ShadowProcessors(EventProcessingConfiguration processing, ObjectProvider<Configuration> axon,
                     TokenStore tokenStore, TransactionManager transactionManager,
                     DeadLetterQueues deadLetterQueues, CommittedBatches committedBatches,
                     @Value("${bunnybook.projections.rebuild-batch-size:1000}") int batchSize) {
        this.processing = processing;
        this.axon = axon;
        this.tokenStore = tokenStore;
        this.transactions = new ProjectionTransactions(transactionManager);
        this.deadLetterQueues = deadLetterQueues;
        this.batchSize = batchSize;
        this.committedBatches = committedBatches;
    }

    boolean isRunning(String group) {
        Running shadow = running.get(group);
        return shadow != null && shadow.processor().isRunning();
    }

    /** Runs the group's rebuild processor here, unless it runs already; its tokens must exist. */
    void start(ReadModelCopy owned) {
        running.computeIfAbsent(owned.group(), group -> {
            Running shadow = build(owned);
            shadow.processor().start();
            return shadow;
        });
    }

    /** Stops the group's rebuild processor here, releasing its segments; nothing if it does not run here. */
    void stop(String group) {
        Running shadow = running.remove(group);
        if (shadow != null) {
            shadow.processor().shutDown();
            shadow.events().noLongerReadBy(shadow.processor());
            shadow.coordinator().shutdownNow();
            shadow.workers().shutdownNow();
        }
    }

    /** Lets go of every rebuild's segments when the node shuts down, so another node carries on at once. */
    @PreDestroy
    void stopAll() {
        List.copyOf(running.keySet()).forEach(this::stop);
    }

    private Running build(ReadModelCopy owned) {
        String name = owned.shadowProcessor();
        SimpleEventHandlerInvoker live = handlersOf(owned.group());
        TransactionManager inCopies = owned.transactions(transactions);
        var queue = deadLetterQueues.of(name);
        EventHandlerInvoker invoker = DeadLetteringEventHandlerInvoker.builder()
                .eventHandlers(live.eventHandlers())
                .sequencingPolicy(live.getSequencingPolicy())
                .listenerInvocationErrorHandler(live.getListenerInvocationErrorHandler())
                .queue(queue)
                .enqueuePolicy(processing.deadLetterPolicy(owned.group())
                        .orElse((letter, cause) -> Decisions.enqueue(cause)))
                .transactionManager(inCopies)
                .build();
        ScheduledExecutorService coordinator =
                Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("Coordinator[" + name + "]"));
        ScheduledExecutorService workers =
                // as many as Axon gives a live processor, so that a group split finer than the default still runs
                // its segments at once
                Executors.newScheduledThreadPool(4, new AxonThreadFactory("WorkPackage[" + name + "]"));
        PromptEventSource events = axon.getObject().getComponent(PromptEventSource.class);
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(invoker)
                .messageSource(events)
                .tokenStore(tokenStore)
                .transactionManager(inCopies)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .batchSize(batchSize)
                .tokenClaimInterval(500)
                .build();
        processor.registerHandlerInterceptor((unitOfWork, chain) -> {
            RebuildCopies.mark(unitOfWork);
            return chain.proceed();
        });
        // its commits let its stream, held back while it catches up (all a rebuild does), read on at once
        processor.registerHandlerInterceptor(committedBatches.countingFor(name));
        events.readBy(processor);
        return new Running(processor, coordinator, workers, events);
    }

    /** The live processor's handlers, as Axon assembled them (with every enhancer, savepoints included). */
    private SimpleEventHandlerInvoker handlersOf(String group) {
        EventHandlerInvoker invoker = processing.eventProcessor(group, AbstractEventProcessor.class)
                .orElseThrow(() -> ProjectionRebuilds.unknown(group)).eventHandlerInvoker();
        if (invoker instanceof MultiEventHandlerInvoker multi && multi.delegates().size() == 1) {
            invoker = multi.delegates().get(0);
        }
        if (invoker instanceof SimpleEventHandlerInvoker simple) {
            return simple;
        }
        throw new IllegalStateException(group + " has handlers of several kinds; it cannot be rebuilt beside itself");
    }

    private record Running(PooledStreamingEventProcessor processor, ScheduledExecutorService coordinator,
                           ScheduledExecutorService workers, PromptEventSource events) {
    }
}
