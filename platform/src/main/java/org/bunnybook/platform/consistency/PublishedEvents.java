package org.bunnybook.platform.consistency;

import jakarta.annotation.PostConstruct;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
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
 * gateway's retry thread).
 */
@Component
class PublishedEvents {

    /** Command metadata naming the capture its events belong to; never copied onto the events. */
    static final String CAPTURE = "readYourWritesCapture";

    private final Map<String, List<EventMessage<?>>> captures = new ConcurrentHashMap<>();
    private final EventBus eventBus;

    PublishedEvents(EventBus eventBus) {
        this.eventBus = eventBus;
    }

    @PostConstruct
    void listen() {
        eventBus.registerDispatchInterceptor(messages -> {
            CurrentUnitOfWork.map(unitOfWork -> unitOfWork.getMessage().getMetaData().get(CAPTURE))
                    .map(captures::get)
                    .ifPresent(capturing -> capturing.addAll(messages));
            return (index, message) -> message;
        });
    }

    Capture capture() {
        Capture capture = new Capture(UUID.randomUUID().toString());
        captures.put(capture.id, capture.events);
        return capture;
    }

    final class Capture implements AutoCloseable {
        private final String id;
        private final List<EventMessage<?>> events = Collections.synchronizedList(new ArrayList<>());

        private Capture(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }

        List<EventMessage<?>> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        @Override
        public void close() {
            captures.remove(id);
        }
    }
}
