package org.bunnybook.platform.consistency;

import jakarta.annotation.PostConstruct;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bunnybook.platform.processing.CommittedBatches;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the events that commands published while a capture was open. A command joins a capture through its
 * metadata, so the events are found whichever thread handles it (a command resent after losing a race runs on the
 * gateway's retry thread). The capture watches for its events in the batches committed on this node from the moment
 * they are published, before the command commits: no batch can have handled them before that.
 */
@Component
class PublishedEvents {

    /** Command metadata naming the capture its events belong to; never copied onto the events. */
    static final String CAPTURE = "readYourWritesCapture";

    private final Map<String, Capture> captures = new ConcurrentHashMap<>();
    private final EventBus eventBus;
    private final CommittedBatches committedBatches;

    PublishedEvents(EventBus eventBus, CommittedBatches committedBatches) {
        this.eventBus = eventBus;
        this.committedBatches = committedBatches;
    }

    @PostConstruct
    void listen() {
        eventBus.registerDispatchInterceptor(messages -> {
            CurrentUnitOfWork.ifStarted(unitOfWork -> {
                Object id = unitOfWork.getMessage().getMetaData().get(CAPTURE);
                Capture capture = id == null ? null : captures.get(id);
                if (capture != null) {
                    List<EventMessage<?>> published = List.copyOf(messages);
                    capture.add(published);
                    // a command that lost a race rolls back and is sent again: what it published was never stored
                    unitOfWork.root().onRollback(rolledBack -> capture.discard(published));
                }
            });
            return (index, message) -> message;
        });
    }

    Capture capture() {
        Capture capture = new Capture(UUID.randomUUID().toString(), committedBatches.watch());
        captures.put(capture.id, capture);
        return capture;
    }

    final class Capture implements AutoCloseable {
        private final String id;
        private final List<EventMessage<?>> events = Collections.synchronizedList(new ArrayList<>());
        private final CommittedBatches.Watch watch;

        private Capture(String id, CommittedBatches.Watch watch) {
            this.id = id;
            this.watch = watch;
        }

        String id() {
            return id;
        }

        private void add(List<EventMessage<?>> messages) {
            watch.add(messages.stream().map(EventMessage::getIdentifier).toList());
            events.addAll(messages);
        }

        private void discard(List<EventMessage<?>> messages) {
            events.removeAll(messages);
            watch.forget(messages.stream().map(EventMessage::getIdentifier).toList());
        }

        /** Which of the captured events the batches committed on this node since have handled. */
        CommittedBatches.Watch watch() {
            return watch;
        }

        List<EventMessage<?>> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        @Override
        public void close() {
            captures.remove(id);
            watch.close();
        }
    }
}
