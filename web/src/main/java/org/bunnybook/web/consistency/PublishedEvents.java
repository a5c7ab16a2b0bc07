package org.bunnybook.web.consistency;

import jakarta.annotation.PostConstruct;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the events published on the current thread while a capture is open. Commands are handled on the
 * sending thread (Axon's simple command bus), so the events a command caused are exactly those published on the
 * thread that sent it.
 */
@Component
class PublishedEvents {

    private final ThreadLocal<List<EventMessage<?>>> current = new ThreadLocal<>();
    private final EventBus eventBus;

    PublishedEvents(EventBus eventBus) {
        this.eventBus = eventBus;
    }

    @PostConstruct
    void listen() {
        eventBus.registerDispatchInterceptor(messages -> {
            List<EventMessage<?>> capturing = current.get();
            if (capturing != null) {
                capturing.addAll(messages);
            }
            return (index, message) -> message;
        });
    }

    Capture capture() {
        List<EventMessage<?>> events = new ArrayList<>();
        current.set(events);
        return new Capture(events);
    }

    final class Capture implements AutoCloseable {
        private final List<EventMessage<?>> events;

        private Capture(List<EventMessage<?>> events) {
            this.events = events;
        }

        List<EventMessage<?>> events() {
            return List.copyOf(events);
        }

        @Override
        public void close() {
            current.remove();
        }
    }
}
