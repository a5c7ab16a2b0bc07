package org.bunnybook.platform.consistency;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bunnybook.platform.processing.CommittedBatches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A capture holds what its command stored: the events published by an attempt that rolled back (a command that lost
 * a race for its aggregate is sent again) are neither answered nor waited for.
 */
class PublishedEventsTest {

    private final EventBus eventBus = SimpleEventBus.builder().build();
    private final CommittedBatches batches = new CommittedBatches();
    private final PublishedEvents published = new PublishedEvents(eventBus, batches);

    @BeforeEach
    void listen() {
        published.listen();
    }

    @Test
    void aCommittedCommandsEventsAreCapturedAndWatched() {
        EventMessage<?> post = GenericEventMessage.asEventMessage("a post");
        try (PublishedEvents.Capture capture = published.capture()) {
            handle(capture, post);

            assertThat(capture.events()).containsExactly(post);
            committedBatch(List.of(post));
            assertThat(capture.watch().committed("walls", post.getIdentifier())).isTrue();
        }
    }

    @Test
    void whatAnAttemptThatRolledBackPublishedIsForgotten() {
        EventMessage<?> lost = GenericEventMessage.asEventMessage("lost the race");
        EventMessage<?> stored = GenericEventMessage.asEventMessage("sent again");
        try (PublishedEvents.Capture capture = published.capture()) {
            DefaultUnitOfWork<CommandMessage<?>> attempt = DefaultUnitOfWork.startAndGet(commandFor(capture));
            eventBus.publish(lost);
            // after the bus has handed the events to its interceptors: as the event store refusing the append
            attempt.onPrepareCommit(unitOfWork -> {
                throw new IllegalStateException("another node appended first");
            });
            assertThatThrownBy(attempt::commit).hasMessageContaining("appended first");
            handle(capture, stored);

            assertThat(capture.events()).containsExactly(stored);
            committedBatch(List.of(lost, stored));
            assertThat(capture.watch().committed("walls", lost.getIdentifier())).isFalse();
            assertThat(capture.watch().committed("walls", stored.getIdentifier())).isTrue();
        }
    }

    /** A command joining the capture that publishes {@code event} and commits. */
    private void handle(PublishedEvents.Capture capture, EventMessage<?> event) {
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(commandFor(capture));
        eventBus.publish(event);
        unitOfWork.commit();
    }

    private static CommandMessage<?> commandFor(PublishedEvents.Capture capture) {
        return GenericCommandMessage.asCommandMessage("post it")
                .andMetaData(Map.of(PublishedEvents.CAPTURE, capture.id()));
    }

    /** A batch of the walls that handled these events, committed on this node. */
    private void committedBatch(List<EventMessage<?>> events) {
        var counting = batches.countingFor("walls");
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        batch.executeWithResult(() -> counting.handle(batch, () -> null));
    }
}
