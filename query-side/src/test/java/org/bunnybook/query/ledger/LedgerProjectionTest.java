package org.bunnybook.query.ledger;

import org.axonframework.eventhandling.DomainEventMessage;
import org.bunnybook.api.ledger.FindLedgerCheckpoints;
import org.bunnybook.api.ledger.LedgerCheckpoint;
import org.bunnybook.api.ledger.LedgerReport;
import org.bunnybook.api.ledger.LedgerReport.Reason;
import org.bunnybook.api.ledger.VerifyLedger;
import org.bunnybook.api.ledger.VerifyLedger.TrustedCheckpoint;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger over events stored by Axon's storage engine. It chains the whole event store, so each test starts from
 * an empty one (only this class writes events in this JVM). It has no reset handler: it is never replayed.
 */
@ReadModelTest({LedgerProjection.class, LedgerQueries.class, LedgerVerification.class, StoredEvents.Storage.class})
@TestPropertySource(properties = "bunnybook.ledger.checkpoint-interval=2")
class LedgerProjectionTest {

    @Autowired
    ProjectionEvents events;

    @Autowired
    StoredEvents store;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void emptyEventStoreAndLedger() {
        jdbc.sql("TRUNCATE domain_event_entry, ledger_entries, ledger_checkpoints").update();
    }

    @Test
    void everyEventIsChainedInOrderAndTheChainVerifies() {
        List<DomainEventMessage<?>> history = storedAndChained(5);

        LedgerReport report = verify();

        assertThat(report.intact()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(history.size());
        assertThat(report.checkpointsChecked()).isEqualTo(2);
        assertThat(report.unchained()).isZero();
        assertThat(report.head().position()).isEqualTo(5);
        assertThat(ledger.handle(new FindLedgerCheckpoints(0, 10))).extracting(LedgerCheckpoint::position)
                .containsExactly(2L, 4L);
    }

    @Test
    void anEventAlteredInTheStoreBreaksTheChainWhereItStands() {
        List<DomainEventMessage<?>> history = storedAndChained(4);
        String altered = history.get(2).getIdentifier();
        jdbc.sql("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                        + " 'carrots', 'turnips'), 'UTF8') WHERE event_identifier = :id")
                .param("id", altered).update();

        LedgerReport report = verify();

        assertThat(report.intact()).isFalse();
        assertThat(report.firstMismatch().reason()).isEqualTo(Reason.EVENT_ALTERED);
        assertThat(report.firstMismatch().eventIdentifier()).isEqualTo(altered);
        assertThat(report.firstMismatch().position()).isEqualTo(3);
    }

    @Test
    void aTrustedCheckpointThatDoesNotMatchIsReported() {
        storedAndChained(2);
        String kept = ledger.handle(new FindLedgerCheckpoints(0, 1)).get(0).chainHash();

        assertThat(verify(new TrustedCheckpoint(2, kept)).intact()).isTrue();
        LedgerReport report = verify(new TrustedCheckpoint(2, "00".repeat(32)));
        assertThat(report.intact()).isFalse();
        assertThat(report.firstMismatch().reason()).isEqualTo(Reason.CHECKPOINT_MISMATCH);
    }

    @Test
    void anEventStoredButNotYetChainedIsCountedAsUnchained() {
        storedAndChained(2);
        UUID post = UUID.randomUUID();
        store.append(events.messages(Instant.now(), post, Bunny.named("late").writes(post)));
        storedAndChained(1);

        LedgerReport report = verify();

        assertThat(report.intact()).isTrue();
        assertThat(report.unchained()).isEqualTo(1);
    }

    /** Posts by one bunny, stored by Axon, then handed to the ledger in the order they were stored. */
    private List<DomainEventMessage<?>> storedAndChained(int posts) {
        Bunny author = Bunny.named("chained");
        List<DomainEventMessage<?>> history = new ArrayList<>();
        for (int i = 0; i < posts; i++) {
            UUID post = UUID.randomUUID();
            history.addAll(events.messages(Instant.now(), post, author.writes(post)));
        }
        store.append(history);
        events.deliver(history);
        return history;
    }

    private LedgerReport verify(TrustedCheckpoint... trusted) {
        return ledger.handle(new VerifyLedger(List.of(trusted)));
    }
}
