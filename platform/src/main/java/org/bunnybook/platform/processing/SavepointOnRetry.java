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

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets an event a projection fails on be parked without losing the rest of its batch, while paying for that only
 * when an event does fail.
 * <p>
 * A failed statement leaves PostgreSQL's transaction aborted ("commands ignored until end of transaction block"):
 * the event could not be parked (that insert fails too) and the whole group would retry the batch forever. Handling
 * the event inside a savepoint of the batch's transaction undoes only its own writes. But a savepoint costs two round
 * trips per handler, as many as the handler's own work, so a processor's batch runs without them: a handler that
 * fails there makes the batch roll back ({@link RetryInSavepoint}, thrown on by {@link ParkUnlessCollided}), the
 * event is remembered, and when the processor tries the batch again that event is handled in a savepoint and parked
 * if it fails again, while the rest of the batch commits. Outside a processor's batch (dead-letter retries, tests)
 * every event is handled in a savepoint, as there is no batch to try again.
 */
@Component
class SavepointOnRetry implements HandlerEnhancerDefinition {

    /** Events remembered at most; a node that loses the segment before the retry never forgets its events. */
    private static final int REMEMBERED = 10_000;

    private final TransactionTemplate savepoint;
    private static final ThreadLocal<Boolean> OUTSIDE_SAVEPOINT = new ThreadLocal<>();

    private final Set<String> failedOutsideSavepoint = ConcurrentHashMap.newKeySet();

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

    /** These events of the current batch will be handled in savepoints when the batch is tried again. */
    void retryInSavepoints(Collection<String> events) {
        remember(events.stream().map(SavepointOnRetry::inThisGroup).toList());
    }

    private void remember(Collection<String> events) {
        if (failedOutsideSavepoint.size() + events.size() > REMEMBERED) {
            failedOutsideSavepoint.clear(); // those events will just fail once more before their savepoint
        }
        failedOutsideSavepoint.addAll(events);
    }

    /**
     * An event as the current processor's: every group handles the same events, and another group committing one
     * must not make this group forget that it failed on it. Axon names the processor in the batch's resources.
     */
    private static String inThisGroup(String event) {
        if (!CurrentUnitOfWork.isStarted()) {
            return event;
        }
        for (String key : CurrentUnitOfWork.get().root().resources().keySet()) {
            if (key.startsWith("Processor[") && key.endsWith("]/SegmentId")) {
                return key + "/" + event;
            }
        }
        return event;
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
            String event = inThisGroup(message.getIdentifier());
            boolean failedBefore = failedOutsideSavepoint.contains(event);
            if (failedBefore || !inProcessorBatch()) {
                sendPendingWrites(); // outside the savepoint: they are not this event's
                if (failedBefore) {
                    // forgotten only once every handler of the event has run in a savepoint and the batch committed
                    CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.root()
                            .afterCommit(committed -> failedOutsideSavepoint.remove(event)));
                }
                return inSavepoint(message, target);
            }
            OUTSIDE_SAVEPOINT.set(true);
            try {
                return original.handle(message, target);
            } catch (Exception e) {
                remember(List.of(event));
                throw new RetryInSavepoint(e);
            } finally {
                OUTSIDE_SAVEPOINT.remove();
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
