package org.bunnybook.query.ledger;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathHandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MultiHandlerDefinition;
import org.axonframework.messaging.annotation.MultiHandlerEnhancerDefinition;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.bunnybook.api.ledger.FindLedgerCheckpoints;
import org.bunnybook.api.ledger.LedgerCheckpoint;
import org.bunnybook.api.ledger.LedgerReport;
import org.bunnybook.api.ledger.LedgerReport.Reason;
import org.bunnybook.api.ledger.FindLedgerVerification;
import org.bunnybook.api.ledger.LedgerVerificationJob;
import org.bunnybook.api.ledger.LedgerVerificationJob.State;
import org.bunnybook.api.ledger.StartLedgerVerification;
import org.bunnybook.api.ledger.StartLedgerVerification.TrustedCheckpoint;
import org.bunnybook.platform.privacy.EventRedactions;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger over events stored by Axon's storage engine. It chains the whole event store, so each test starts from
 * an empty one (only this class writes events in this JVM). It has no reset handler: it is never replayed.
 */
@ReadModelTest({LedgerProjection.class, LedgerQueries.class, LedgerVerification.class, LedgerVerificationJobs.class,
        LedgerCheckpoints.class, SnapshotCheck.class, EventRedactions.class, StoredEvents.Storage.class})
@TestPropertySource(properties = {"bunnybook.ledger.checkpoint-interval=2", "bunnybook.ledger.verify-batch=3",
        "bunnybook.ledger.verify-grace=0s", "bunnybook.integrity.key=query-side-test-key-0123456789abcdef"})
class LedgerProjectionTest {

    @Autowired
    ProjectionEvents events;

    @Autowired
    StoredEvents store;

    @Autowired
    LedgerQueries ledger;

    @Autowired
    LedgerVerification verification;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LedgerProjection projection;

    @Autowired
    List<HandlerEnhancerDefinition> handlerEnhancers;

    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void emptyEventStoreAndLedger() {
        jdbc.sql("TRUNCATE domain_event_entry, ledger_entries, ledger_checkpoints, ledger_verifications").update();
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
    void anEventStoredButLeftOutOfTheChainBelowItsHeadClearsIntact() {
        storedAndChained(2);
        UUID post = UUID.randomUUID();
        store.append(events.messages(Instant.now(), post, Bunny.named("late").writes(post)));
        long late = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        storedAndChained(1);

        LedgerReport report = verify(); // no grace in this test: the ledger is not running to chain it later

        assertThat(report.intact()).isFalse();
        assertThat(report.status()).isEqualTo(LedgerReport.Status.UNCHAINED);
        assertThat(report.unchained()).isEqualTo(1);
        assertThat(report.firstUnchained()).isEqualTo(late);
    }

    @Test
    void eventsStoredAfterTheChainsHeadAreReportedBehind() {
        storedAndChained(2);
        UUID post = UUID.randomUUID();
        store.append(events.messages(Instant.now(), post, Bunny.named("unchained yet").writes(post)));

        LedgerReport report = verify();

        assertThat(report.status()).isEqualTo(LedgerReport.Status.BEHIND);
        assertThat(report.behind()).isEqualTo(1);
        assertThat(report.storeHead()).isGreaterThan(report.head().globalIndex());
    }

    @Test
    void aBatchIsChainedAtOnceExactlyAsItsEventsWouldBeOneByOne() {
        List<DomainEventMessage<?>> history = stored(5);
        events.deliver(history.subList(0, 1)); // the batch goes on from a link already in the ledger
        List<Long> entriesWhileHandling = new ArrayList<>();

        ResultMessage<?> result = handledInOneBatch(history.subList(1, 5), entriesWhileHandling);

        assertThat(result.isExceptional()).as("%s", result.optionalExceptionResult()).isFalse();
        // written when the batch commits, not event by event: the batch path really ran
        assertThat(entriesWhileHandling).containsExactly(1L, 1L, 1L, 1L);
        List<String> batched = entries();
        List<String> batchedCheckpoints = checkpoints(); // positions 2 and 4, both inside the batch
        assertThat(verify().intact()).isTrue();

        jdbc.sql("TRUNCATE ledger_entries, ledger_checkpoints").update();
        events.deliver(history);

        assertThat(batched).hasSize(5).containsExactlyElementsOf(entries());
        assertThat(batchedCheckpoints).hasSize(2).containsExactlyElementsOf(checkpoints());
        assertThat(ledger.handle(new FindLedgerCheckpoints(0, 10))).extracting(LedgerCheckpoint::position)
                .containsExactly(2L, 4L);
    }

    @Test
    void anEventMissingFromTheStoreFailsItsWholeBatch() {
        List<DomainEventMessage<?>> history = stored(2);
        UUID post = UUID.randomUUID();
        List<DomainEventMessage<?>> neverStored = events.messages(Instant.now(), post,
                Bunny.named("never stored").writes(post));

        ResultMessage<?> result = handledInOneBatch(
                Stream.concat(history.stream(), neverStored.stream()).toList(), new ArrayList<>());

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(neverStored.get(0).getIdentifier());
        assertThat(entries()).isEmpty(); // rolled back with the batch: nothing chained past a missing event
    }

    /** Posts by one bunny, stored by Axon, then handed to the ledger in the order they were stored. */
    private List<DomainEventMessage<?>> storedAndChained(int posts) {
        List<DomainEventMessage<?>> history = stored(posts);
        events.deliver(history);
        return history;
    }

    /** Posts by one bunny, stored by Axon. */
    private List<DomainEventMessage<?>> stored(int posts) {
        Bunny author = Bunny.named("chained");
        List<DomainEventMessage<?>> history = new ArrayList<>();
        for (int i = 0; i < posts; i++) {
            UUID post = UUID.randomUUID();
            history.addAll(events.messages(Instant.now(), post, author.writes(post)));
        }
        store.append(history);
        return history;
    }

    /**
     * Hands the events to the ledger as a pooled processor's batch does: one {@link BatchingUnitOfWork} in one
     * transaction, named a processor's segment, through the handler enhancers of the context (the platform's
     * {@code SavepointOnRetry}, which lets {@code BatchBuffers} hold writes for the batch). Notes after each event how
     * many entries its transaction sees.
     */
    private ResultMessage<?> handledInOneBatch(List<? extends EventMessage<?>> messages, List<Long> entriesSeen) {
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection,
                ClasspathParameterResolverFactory.forClass(LedgerProjection.class),
                MultiHandlerDefinition.ordered(List.of(ClasspathHandlerDefinition.forClass(LedgerProjection.class)),
                        MultiHandlerEnhancerDefinition.ordered(
                                ClasspathHandlerEnhancerDefinition.forClass(LedgerProjection.class),
                                MultiHandlerEnhancerDefinition.ordered(handlerEnhancers))));
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(new ArrayList<>(messages));
        // a processor name of its own: a failed batch makes its segment handle the next in savepoints, one by one
        batch.resources().put("Processor[ledger-batch-" + UUID.randomUUID() + "]/SegmentId", 0);
        batch.attachTransaction(new SpringTransactionManager(transactions));
        return batch.executeWithResult(() -> {
            handler.handle(batch.getMessage());
            entriesSeen.add(jdbc.sql("SELECT count(*) FROM ledger_entries").query(Long.class).single());
            return null;
        });
    }

    /** The ledger's entries, in chain order, as text. */
    private List<String> entries() {
        return jdbc.sql("SELECT position, global_index, event_identifier, encode(event_hash, 'hex') AS event_hash,"
                        + " encode(chain_hash, 'hex') AS chain_hash FROM ledger_entries ORDER BY position")
                .query((rs, row) -> String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
    }

    /** The ledger's checkpoints, in order, as text, leaving out when they were sealed and so their signatures. */
    private List<String> checkpoints() {
        return ledger.handle(new FindLedgerCheckpoints(0, 10)).stream()
                .map(checkpoint -> checkpoint.position() + " " + checkpoint.globalIndex() + " "
                        + checkpoint.chainHash())
                .toList();
    }

    @Test
    void aVerificationJobReportsItsProgressBatchByBatchAndEndsWithTheReport() {
        storedAndChained(7); // 7 events, checked 3 at a time
        List<Long> progress = new ArrayList<>();
        verification.verify(List.of(), progress::add);
        assertThat(progress).containsExactly(3L, 6L, 7L);

        LedgerVerificationJob started = ledger.handle(new StartLedgerVerification(UUID.randomUUID(), "auditor",
                List.of()));
        assertThat(started.entriesTotal()).isEqualTo(7);
        LedgerVerificationJob done = await().atMost(Duration.ofSeconds(10)).until(
                () -> ledger.handle(new FindLedgerVerification(started.verificationId())).orElseThrow(),
                job -> job.state() != State.RUNNING);
        assertThat(done.state()).isEqualTo(State.FINISHED);
        assertThat(done.entriesChecked()).isEqualTo(7);
        assertThat(done.report().intact()).isTrue();
        assertThat(done.report().eventsChecked()).isEqualTo(7);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(ledger.handle(new FindLedgerVerification(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void oneVerificationRunsAtATimeUntilItsNodeStopsReportingProgress() {
        UUID running = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO ledger_verifications (verification_id, state, requested_by, requested_at,
                                                          heartbeat_at, entries_total)
                        VALUES (:id, 'RUNNING', 'someone', now(), now(), 1000)""")
                .param("id", running).update();

        LedgerVerificationJob answered = ledger.handle(new StartLedgerVerification(UUID.randomUUID(), "auditor",
                List.of()));
        assertThat(answered.verificationId()).isEqualTo(running);
        assertThat(answered.state()).isEqualTo(State.RUNNING);

        // its node died a while ago: the job reads as abandoned and another may start
        jdbc.sql("UPDATE ledger_verifications SET heartbeat_at = now() - interval '2 minutes'").update();
        assertThat(ledger.handle(new FindLedgerVerification(running)).orElseThrow().state())
                .isEqualTo(State.ABANDONED);
        UUID next = UUID.randomUUID();
        assertThat(ledger.handle(new StartLedgerVerification(next, "auditor", List.of())).verificationId())
                .isEqualTo(next);
    }

    private LedgerReport verify(TrustedCheckpoint... trusted) {
        return verification.verify(List.of(trusted), checked -> { });
    }
}
