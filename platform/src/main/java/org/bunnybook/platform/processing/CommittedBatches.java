package org.bunnybook.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tells whoever waits for a processing group on this node that it has just committed a batch, so a request waiting
 * for its own write (read-your-writes) looks again at once instead of at the next tick of a poll. Batches committed
 * on other nodes are not announced here; waiters still look now and then for those.
 */
@Component
public class CommittedBatches {

    private static final String ANNOUNCED = CommittedBatches.class.getName();

    private final ConcurrentMap<String, Counter> groups = new ConcurrentHashMap<>();

    /** How many batches the group has committed on this node so far; pass it to {@link #awaitNext}. */
    public long count(String group) {
        return counter(group).value;
    }

    /** Waits until the group commits a batch after {@code seen} was counted, or {@code atMost} has passed. */
    public void awaitNext(String group, long seen, Duration atMost) throws InterruptedException {
        Counter counter = counter(group);
        long deadline = System.nanoTime() + atMost.toNanos();
        synchronized (counter) {
            long remaining;
            while (counter.value == seen && (remaining = deadline - System.nanoTime()) > 0) {
                counter.wait(Math.max(1, remaining / 1_000_000));
            }
        }
    }

    /** Counts the batches of the processor this interceptor is registered with, once each, after their commit. */
    MessageHandlerInterceptor<EventMessage<?>> countingFor(String group) {
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            var root = unitOfWork.root();
            // a batch's unit of work is shared by its events: announce it once
            if (root.resources().putIfAbsent(ANNOUNCED, Boolean.TRUE) == null) {
                root.afterCommit(committed -> committed(group));
            }
            return chain.proceed();
        };
    }

    private void committed(String group) {
        Counter counter = counter(group);
        synchronized (counter) {
            counter.value++;
            counter.notifyAll();
        }
    }

    private Counter counter(String group) {
        return groups.computeIfAbsent(group, name -> new Counter());
    }

    private static final class Counter {
        private volatile long value;
    }
}
