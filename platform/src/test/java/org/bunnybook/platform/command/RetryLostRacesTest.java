package org.bunnybook.platform.command;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bunnybook.platform.processing.ServingThreads;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RetryLostRacesTest {

    private static final CommandMessage<?> COMMAND = GenericCommandMessage.asCommandMessage("a command");
    private static final RuntimeException LOST = new ConcurrencyException("lost a race for its aggregate");
    @SuppressWarnings("unchecked")
    private static final List<Class<? extends Throwable>[]> ONCE = List.<Class<? extends Throwable>[]>of(
            new Class[]{ConcurrencyException.class});

    @Test
    void aMembersCommandSentAgainIsNotHeldUpByAnotherThatWaitsForPostgres() throws InterruptedException {
        RetryLostRaces retries = new RetryLostRaces();
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch membersSentAgain = new CountDownLatch(1);
        // a process's command, sent again on a thread that waits for PostgreSQL as long as it takes
        assertThat(retries.scheduleRetry(COMMAND, LOST, ONCE, () -> awaitQuietly(stalled))).isTrue();
        ServingThreads.begin(Duration.ofSeconds(10));
        try {
            assertThat(retries.scheduleRetry(COMMAND, LOST, ONCE, membersSentAgain::countDown)).isTrue();
        } finally {
            ServingThreads.end();
        }
        try {
            assertThat(membersSentAgain.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            stalled.countDown();
        }
    }

    @Test
    void aTransactionPostgresqlRolledBackForAConflictIsSentAgain() {
        for (PSQLState collision : List.of(PSQLState.DEADLOCK_DETECTED, PSQLState.SERIALIZATION_FAILURE)) {
            assertThat(new RetryLostRaces().scheduleRetry(COMMAND, appendFailed(collision), ONCE, () -> { }))
                    .as(collision.getState()).isTrue();
        }
    }

    @Test
    void aCollisionOfACommandSentFromAUnitOfWorkIsLeftToThatUnitOfWork() {
        // a process's command, sent from a processor's batch: the batch's transaction was rolled back with it
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        try {
            assertThat(new RetryLostRaces().scheduleRetry(COMMAND, appendFailed(PSQLState.DEADLOCK_DETECTED), ONCE,
                    () -> { })).isFalse();
        } finally {
            batch.rollback();
        }
    }

    /** Wrapped as Axon's storage engine wraps a failed append. */
    private static RuntimeException appendFailed(PSQLState state) {
        return new EventStoreException("an event could not be stored", new PSQLException("collided", state));
    }

    @Test
    void aStatementThatMayHaveCommittedOrFailedOtherwiseIsNotSentAgain() {
        for (String state : List.of("40003", "22001", "08006")) {
            RuntimeException failure = new EventStoreException("an event could not be stored",
                    new SQLException("not a collision", state));
            assertThat(new RetryLostRaces().scheduleRetry(COMMAND, failure, ONCE, () -> { })).as(state).isFalse();
        }
    }

    @Test
    void anyOtherFailureStands() {
        assertThat(new RetryLostRaces().scheduleRetry(COMMAND, new IllegalStateException("no"), ONCE, () -> { }))
                .isFalse();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
