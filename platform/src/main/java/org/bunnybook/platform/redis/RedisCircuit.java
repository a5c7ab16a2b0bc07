package org.bunnybook.platform.redis;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The one circuit breaker (Resilience4j's) every use of Redis on this node goes through: the caches, the feed
 * timelines, pushes, presence and the shared abuse limits. Every one of them has a way around Redis (the stores behind
 * the caches, PostgreSQL's feed, budgets counted on the node alone…), taken on any failure. A Redis that refuses
 * connections fails fast by itself ({@code RedisConfiguration}); one that hangs would cost each request a timeout
 * (1 s) on every use. Once {@code failure-rate} per cent of the last {@code window} calls have failed, the circuit
 * opens and calls fail at once with {@link CallNotPermittedException}, which the callers take as Redis failing; after
 * {@code open-for} a few calls try Redis again and close it if they succeed. Its state and calls are meters
 * ({@code resilience4j_circuitbreaker_*}, {@code name="redis"}); health reads {@link #available()}.
 */
@Component
public class RedisCircuit {

    public static final String NAME = "redis";
    private static final Logger log = LoggerFactory.getLogger(RedisCircuit.class);

    private final CircuitBreaker breaker;

    RedisCircuit(MeterRegistry meters,
                 @Value("${bunnybook.redis.circuit.failure-rate:50}") float failureRate,
                 @Value("${bunnybook.redis.circuit.window:20}") int window,
                 @Value("${bunnybook.redis.circuit.minimum-calls:5}") int minimumCalls,
                 @Value("${bunnybook.redis.circuit.open-for:5s}") Duration openFor) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(window)
                .minimumNumberOfCalls(Math.min(minimumCalls, window))
                .failureRateThreshold(failureRate)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(3)
                // half open when the time is up, not at the next call: uses that ask available() first call again
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
        this.breaker = registry.circuitBreaker(NAME);
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                log.warn("Redis fails: its circuit is open, every use of it takes its way around for {}", openFor);
            } else {
                log.info("Redis circuit {}", event.getStateTransition());
            }
        });
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    /** The call's answer; any failure is counted, and while the circuit is open the call is not made at all. */
    public <T> T call(Supplier<T> call) {
        return breaker.executeSupplier(call);
    }

    /** As {@link #call}, for calls that answer nothing. */
    public void run(Runnable call) {
        breaker.executeRunnable(call);
    }

    /** Whether calls are let through to Redis now (closed, or trying it again): false while the circuit is open. */
    public boolean available() {
        CircuitBreaker.State state = breaker.getState();
        return state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN;
    }
}
