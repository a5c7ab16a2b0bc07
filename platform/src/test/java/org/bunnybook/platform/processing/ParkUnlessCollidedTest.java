package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.TransientException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A collision with another transaction rolls the batch back to be tried again; any other failure parks the event. */
class ParkUnlessCollidedTest {

    private final ParkUnlessCollided policy = new ParkUnlessCollided();
    private final DeadLetter<EventMessage<?>> letter =
            new GenericDeadLetter<>("a-sequence", GenericEventMessage.asEventMessage("an event"));

    @Test
    void aDeadlockInPostgresqlOverBoltOrAsAProjectionSaysIsTriedAgain() {
        for (Throwable collision : new Throwable[]{
                new RuntimeException(new SQLException("deadlock detected", "40P01")),
                new RuntimeException(new SQLException("could not serialize access", "40001")),
                new TransientException("Neo.TransientError.Transaction.DeadlockDetected", "deadlock"),
                new RuntimeException(new CollidedWithAnotherTransaction(new IllegalStateException("in this JVM")))}) {
            assertThatThrownBy(() -> policy.decide(letter, collision)).as(collision.toString())
                    .isInstanceOf(CollidedWithAnotherTransaction.class).hasCause(collision);
        }
    }

    @Test
    void anyOtherFailureIsParked() {
        IllegalStateException failure = new IllegalStateException("the store is away");
        assertThat(policy.decide(letter, failure).shouldEnqueue()).isTrue();
        assertThat(policy.decide(letter, new TransientException("Neo.TransientError.General.DatabaseUnavailable",
                "away")).shouldEnqueue()).isTrue();
        assertThat(policy.decide(letter, new RuntimeException(new SQLException("connection lost", "08006")))
                .shouldEnqueue()).as("PostgreSQL away").isTrue();
        assertThat(policy.decide(letter, new SQLException("duplicate key", "23505")).shouldEnqueue())
                .as("a constraint the projection broke").isTrue();
        assertThat(policy.decide(letter, new SQLException("no state")).shouldEnqueue()).as("no SQL state").isTrue();
    }
}
