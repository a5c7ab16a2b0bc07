package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Tells whoever waits for a processing group on this node that it has just committed a batch, so a request waiting
 * for its own write (read-your-writes) looks again at once instead of at the next tick of a poll, and whoever
 * listens (the event source, whose stream for a processor far ahead of it reads on once a batch has made room).
 * Batches committed on other nodes are not announced here; waiters still look now and then for those. It also tells
 * a waiter which of the events it {@linkplain #watch() watches} were handled in the groups' committed batches: where
 * this node runs every segment of a group, that is all a waiter needs to know, with no question to the token store.
 */
@Component
public class CommittedBatches {

    private static final String ANNOUNCED = CommittedBatches.class.getName();

    private final CountsPerGroup batches = new CountsPerGroup();
    /** The threads waiting for each group, woken by its commits only. */
    private final ConcurrentMap<String, Set<Thread>> waiting = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    /** The watched events, by identifier: only those a request waits for, so the map stays small. */
    private final ConcurrentMap<String, Watch> watched = new ConcurrentHashMap<>();

    /**
     * How many batches each of the groups has committed on this node so far; pass it to {@link #awaitAny}.
     */
    public Map<String, Long> counts(Collection<String> groupNames) {
        return batches.of(groupNames);
    }

    /**
     * Waits until one of the groups in {@code seen} commits a batch after its count there was taken, or
     * {@code atMost} has passed.
     */
    public void awaitAny(Map<String, Long> seen, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        Thread self = Thread.currentThread();
        // listed before the counts are compared, so a commit after the comparison wakes this thread
        seen.keySet().forEach(group -> waitersOf(group).add(self));
        try {
            long remaining;
            while (counts(seen.keySet()).equals(seen) && (remaining = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, remaining);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            seen.keySet().forEach(group -> waitersOf(group).remove(self));
        }
    }

    /** From now on {@code listener} is given the group's name after each batch of it commits here, on its thread. */
    public void onEachCommit(Consumer<String> listener) {
        listeners.add(listener);
    }

    /**
     * Counts the batches of the processor this interceptor is registered with, once each, after their commit: every
     * processor of this node has it, a rebuild's too.
     */
    public MessageHandlerInterceptor<EventMessage<?>> countingFor(String group) {
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            var root = unitOfWork.root();
            // a batch's unit of work is shared by its events: announce it once, with the watched events it handled
            List<Handled> handled = root.getOrComputeResource(ANNOUNCED, key -> {
                List<Handled> events = new ArrayList<>();
                root.afterCommit(committed -> committed(group, events));
                return events;
            });
            String event = unitOfWork.getMessage().getIdentifier();
            Watch watch = watched.get(event);
            if (watch != null) {
                handled.add(new Handled(watch, event));
            }
            return chain.proceed();
        };
    }

    /**
     * Starts watching for events by their identifiers, to be {@linkplain Watch#add added} before the command that
     * stores them commits (no batch can handle them before); close it once they no longer matter.
     */
    public Watch watch() {
        return new Watch();
    }

    /** Events watched for, and the groups that have committed a batch handling each of them on this node. */
    public final class Watch implements AutoCloseable {

        private final Map<String, Set<String>> committedIn = new ConcurrentHashMap<>();

        private Watch() {
        }

        public void add(Collection<String> eventIdentifiers) {
            eventIdentifiers.forEach(event -> {
                committedIn.putIfAbsent(event, ConcurrentHashMap.newKeySet());
                watched.put(event, this);
            });
        }

        /** Stops watching for these events (never stored after all). */
        public void forget(Collection<String> eventIdentifiers) {
            eventIdentifiers.forEach(event -> {
                watched.remove(event, this);
                committedIn.remove(event);
            });
        }

        /** Whether a batch of {@code group} that handled the event has committed on this node since it was added. */
        public boolean committed(String group, String eventIdentifier) {
            Set<String> groups = committedIn.get(eventIdentifier);
            return groups != null && groups.contains(group);
        }

        @Override
        public void close() {
            committedIn.keySet().forEach(event -> watched.remove(event, this));
        }
    }

    private record Handled(Watch watch, String event) {
    }

    private void committed(String group, List<Handled> handled) {
        // noted before the waiters wake, so that they find it
        handled.forEach(event -> event.watch.committedIn.computeIfPresent(event.event, (id, groups) -> {
            groups.add(group);
            return groups;
        }));
        batches.increment(group);
        waitersOf(group).forEach(LockSupport::unpark);
        listeners.forEach(listener -> listener.accept(group));
    }

    private Set<Thread> waitersOf(String group) {
        return waiting.computeIfAbsent(group, name -> ConcurrentHashMap.newKeySet());
    }
}
