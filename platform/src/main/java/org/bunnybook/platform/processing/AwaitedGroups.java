package org.bunnybook.platform.processing;

import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The processors a request on this node is waiting for right now (read-your-writes, from before its command is sent
 * until its read models reflect it). The event source tells their streams of new events at once, and the other
 * processors' a moment later ({@code bunnybook.processors.unawaited-delay}): what arrived meanwhile is then handled in
 * one batch, one transaction with one token update, instead of a batch for every command committed.
 */
@Component
public class AwaitedGroups {

    private final ConcurrentMap<String, AtomicInteger> waiters = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Marks the processors awaited until the returned {@link Awaiting} is closed, and tells the listeners of each at
     * once. Counted first: a listener that fails cannot leave a processor awaited for good.
     */
    public Awaiting await(Collection<String> processors) {
        processors.forEach(processor -> waiters.computeIfAbsent(processor, name -> new AtomicInteger())
                .incrementAndGet());
        AtomicBoolean closed = new AtomicBoolean();
        Awaiting awaiting = () -> {
            if (closed.compareAndSet(false, true)) { // closed twice, it would hide another request's wait
                processors.forEach(processor -> waiters.get(processor).decrementAndGet());
            }
        };
        try {
            processors.forEach(processor -> listeners.forEach(listener -> listener.accept(processor)));
        } catch (RuntimeException e) {
            awaiting.close();
            throw e;
        }
        return awaiting;
    }

    public boolean isAwaited(String processor) {
        AtomicInteger count = waiters.get(processor);
        return count != null && count.get() > 0;
    }

    /**
     * From now on {@code listener} is given a processor's name whenever a request starts waiting for it, until the
     * returned {@link Runnable} is run.
     */
    public Runnable onAwaited(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A request's wait; closing it ends it. */
    public interface Awaiting extends AutoCloseable {
        @Override
        void close();
    }
}
