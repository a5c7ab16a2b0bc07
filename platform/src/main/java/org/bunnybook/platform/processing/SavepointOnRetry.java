package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets an event a projection fails on be parked without losing the rest of its batch, while paying for that only
 * when an event does fail.
 * <p>
 * A failed statement leaves PostgreSQL's transaction aborted ("commands ignored until end of transaction block"):
 * the event could not be parked (that insert fails too) and the whole group would retry the batch forever. Handling
 * the event inside a savepoint of the batch's transaction undoes only its own writes. But a savepoint costs two round
 * trips per handler, as many as the handler's own work, so a processor's batches run without them until a handler
 * fails: the batch rolls back ({@link RetryInSavepoint}, thrown on by {@link ParkUnlessCollided}) and its segment
 * turns careful. A careful segment handles every event in a savepoint, so its retried batch parks what fails and
 * commits the rest, and it stays careful as long as its batches park something: through an outage of a store (every
 * event failing) it parks batch after batch without rolling any back. It runs without savepoints again after a
 * careful batch in which nothing failed. Outside a processor's batch (dead-letter retries, tests) every event is
 * handled in a savepoint, as there is no batch to try again.
 */
@Component
class SavepointOnRetry implements HandlerEnhancerDefinition {

    /** Set in a careful batch's resources when one of its events failed (and was parked). */
    private static final String FAILED_CAREFULLY = SavepointOnRetry.class.getName() + ".failed";
    private static final String WATCHED = SavepointOnRetry.class.getName() + ".watched";

    private final TransactionTemplate savepoint;
    private static final ThreadLocal<Boolean> OUTSIDE_SAVEPOINT = new ThreadLocal<>();

    /** The segments (processor and segment id) that handle their events in savepoints for now. */
    private final Set<String> carefulSegments = ConcurrentHashMap.newKeySet();

    SavepointOnRetry(JdbcTransactionManager transactionManager) {
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean projection = original.annotationAttributes(EventHandler.class).isPresent()
                && original.annotationAttributes(EventSourcingHandler.class).isEmpty();
        return projection ? new Guarded<>(original) : original;
    }

    /** Whether a processor's batch is handling the current event without a savepoint (so it can be retried). */
    static boolean handlingOutsideSavepoint() {
        return OUTSIDE_SAVEPOINT.get() != null;
    }

    /** The current batch failed outside savepoints: its segment tries it again with every event in one. */
    void retryInSavepoints() {
        segment().ifPresent(carefulSegments::add);
    }

    /**
     * The current processor and segment, from the batch's resources: Axon files the segment's id under
     * "Processor[name]/SegmentId". The id belongs in it: with the name alone, a careful batch of one segment with
     * nothing failing made the other segment, whose batch waited to be tried again, careless again.
     */
    private static Optional<String> segment() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        return CurrentUnitOfWork.get().root().resources().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("Processor[") && entry.getKey().endsWith("]/SegmentId"))
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .findFirst();
    }

    private static boolean inProcessorBatch() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?>;
    }

    private final class Guarded<T> extends WrappedMessageHandlingMember<T> {

        private final MessageHandlingMember<T> original;

        private Guarded(MessageHandlingMember<T> original) {
            super(original);
            this.original = original;
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return original.handle(message, target);
            }
            Optional<String> segment = inProcessorBatch() ? segment() : Optional.empty();
            if (segment.isEmpty()) {
                sendPendingWrites();
                return inSavepoint(message, target);
            }
            if (carefulSegments.contains(segment.get())) {
                return carefully(segment.get(), message, target);
            }
            OUTSIDE_SAVEPOINT.set(true);
            try {
                return original.handle(message, target);
            } catch (Exception e) {
                carefulSegments.add(segment.get());
                throw new RetryInSavepoint(e);
            } finally {
                OUTSIDE_SAVEPOINT.remove();
            }
        }

        private Object carefully(String segment, Message<?> message, T target) throws Exception {
            sendPendingWrites(); // outside the savepoint: they are not this event's
            var batch = CurrentUnitOfWork.get().root();
            if (batch.resources().putIfAbsent(WATCHED, Boolean.TRUE) == null) {
                batch.afterCommit(committed -> {
                    if (!committed.resources().containsKey(FAILED_CAREFULLY)) {
                        carefulSegments.remove(segment);
                    }
                });
            }
            try {
                return inSavepoint(message, target);
            } catch (Exception e) {
                batch.resources().put(FAILED_CAREFULLY, Boolean.TRUE);
                throw e;
            }
        }

        /** Writes batched for earlier events ({@link BatchBuffers}) go before this one's, which go at once. */
        private static void sendPendingWrites() {
            if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root().resources()
                    .get(BatchBuffers.RESOURCE) instanceof Runnable send) {
                try {
                    send.run();
                } catch (RuntimeException e) {
                    throw new RetryInSavepoint(e); // every event of the batch is retried in a savepoint then
                }
            }
        }

        private Object inSavepoint(Message<?> message, T target) throws Exception {
            try {
                return savepoint.execute(status -> {
                    try {
                        return original.handle(message, target);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new CheckedFailure(e);
                    }
                });
            } catch (CheckedFailure failure) {
                throw failure.checked;
            }
        }
    }

    /** Rolls back the batch of an event that failed outside a savepoint, so that it is tried again in one. */
    static final class RetryInSavepoint extends RuntimeException {
        RetryInSavepoint(Throwable cause) {
            super("an event failed outside a savepoint; its batch is tried again with the event in one", cause);
        }
    }

    /** Carries a handler's checked exception out of the savepoint's callback. */
    private static final class CheckedFailure extends RuntimeException {
        private final Exception checked;

        private CheckedFailure(Exception checked) {
            super(checked);
            this.checked = checked;
        }
    }
}
