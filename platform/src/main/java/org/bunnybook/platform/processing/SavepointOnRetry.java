package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each projection's handling of one event inside a PostgreSQL savepoint of the batch's transaction. Without
 * it, a handler whose statement fails leaves the whole transaction aborted ("commands ignored until end of
 * transaction block"), so its event cannot be parked in the dead-letter queue (that insert fails too) and the whole
 * group stops and retries the batch forever. With it, only the failed handler's writes are undone, the event is
 * parked, and the rest of the batch goes on (unless the failure was a collision with another transaction:
 * {@link ParkUnlessCollided}).
 */
@Component
class SavepointPerEvent implements HandlerEnhancerDefinition {

    private final TransactionTemplate savepoint;

    SavepointPerEvent(JdbcTransactionManager transactionManager) {
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean projection = original.annotationAttributes(EventHandler.class).isPresent()
                && original.annotationAttributes(EventSourcingHandler.class).isEmpty();
        return projection ? new InSavepoint<>(original) : original;
    }

    private final class InSavepoint<T> extends WrappedMessageHandlingMember<T> {

        private final MessageHandlingMember<T> original;

        private InSavepoint(MessageHandlingMember<T> original) {
            super(original);
            this.original = original;
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return original.handle(message, target);
            }
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

    /** Carries a handler's checked exception out of the savepoint's callback. */
    private static final class CheckedFailure extends RuntimeException {
        private final Exception checked;

        private CheckedFailure(Exception checked) {
            super(checked);
            this.checked = checked;
        }
    }
}
