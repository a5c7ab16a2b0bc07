package org.bunnybook.platform.processing;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Lets a projection gather its writes over a processor's batch and send them together just before the batch
 * commits (its token with it), instead of one round trip, or one transaction of another store, per event. A
 * projection opts in by making a {@link Buffer} with what sends a list of its writes, and adding each write to it:
 * {@link BatchedStatements} does so for PostgreSQL; the social graph for its Neo4j statements.
 * <p>
 * Only writes may wait: a handler that reads what earlier events of its batch wrote must not buffer those writes.
 * Outside a processor's batch (tests, dead-letter retries) and for an event being retried in a savepoint
 * ({@link SavepointOnRetry}) a write is sent at once, after whatever the batch still holds (so that a sequence keeps
 * its order). If sending a batch's writes fails, which event caused it is unknown: the batch rolls back and every
 * event of it is retried in a savepoint of its own, writes sent at once, so that the failing one alone is parked.
 */
@Component
public class BatchBuffers {

    /** Where a batch's unit of work keeps its pending writes: a {@link Runnable} that sends them. */
    static final String RESOURCE = BatchBuffers.class.getName();

    private final SavepointOnRetry savepoints;

    BatchBuffers(SavepointOnRetry savepoints) {
        this.savepoints = savepoints;
    }

    /** A buffer whose writes {@code send} receives in the order they were added, once per batch. */
    public <T> Buffer<T> buffer(Consumer<List<T>> send) {
        return new Buffer<>(send);
    }

    public final class Buffer<T> {
        private final Consumer<List<T>> send;

        private Buffer(Consumer<List<T>> send) {
            this.send = send;
        }

        /** Adds the write to the current batch's, or sends it at once where it may not wait. */
        public void add(T write) {
            if (!SavepointOnRetry.handlingOutsideSavepoint()) {
                send.accept(List.of(write));
                return;
            }
            UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
            batch.getOrComputeResource(RESOURCE, key -> {
                Pending pending = new Pending();
                batch.onPrepareCommit(u -> pending.run());
                return pending;
            }).add(this, write);
        }

        @SuppressWarnings("unchecked")
        private void sendAll(List<?> writes) {
            send.accept((List<T>) writes);
        }
    }

    /** One batch's writes, per buffer. */
    private final class Pending implements Runnable {
        private final Map<Buffer<?>, List<Object>> writes = new LinkedHashMap<>();

        void add(Buffer<?> buffer, Object write) {
            writes.computeIfAbsent(buffer, key -> new ArrayList<>()).add(write);
        }

        @Override
        public void run() {
            try {
                writes.forEach(Buffer::sendAll);
            } catch (RuntimeException e) {
                if (!ParkUnlessCollided.collided(e)) { // a collision is nobody's fault: the batch is just tried again
                    savepoints.retryInSavepoints();
                }
                throw e;
            }
            writes.clear();
        }
    }
}
