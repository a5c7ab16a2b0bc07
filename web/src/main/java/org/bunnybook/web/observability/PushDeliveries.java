package org.bunnybook.web.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.bunnybook.platform.push.Push;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What this node's relay does with pushes, for operators: {@code bunnybook.websocket.pushes} counts the pushes
 * handed to sessions here, {@code bunnybook.push.delay} times how long each took from the event it tells about (for
 * {@code event="chat_message"}: chat delivery time), and with tracing on the delivery is a span in the trace of that
 * event, whichever node handled it.
 */
@Component
public class PushDeliveries {

    private static final TextMapGetter<Push> TRACE_PARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Push push) {
            return List.of("traceparent");
        }

        @Override
        public String get(Push push, String key) {
            return push == null || !"traceparent".equals(key) ? null : push.traceParent();
        }
    };

    private final MeterRegistry meters;
    private final Tracer tracer;
    private final Clock clock;

    PushDeliveries(MeterRegistry meters, ObjectProvider<Tracer> tracer, Clock clock) {
        this.meters = meters;
        this.tracer = tracer.getIfUnique();
        this.clock = clock;
    }

    /** Runs {@code delivery}, the handing of {@code push} to this node's sessions, and records it. */
    public void deliver(Push push, Runnable delivery) {
        Counter.builder("bunnybook.websocket.pushes").description("pushes handed to the STOMP sessions of this node")
                .tag("event", push.event()).register(meters).increment();
        if (push.eventTime() != null) {
            Timer.builder("bunnybook.push.delay").description("from the event a push tells about to its delivery")
                    .tag("event", push.event()).publishPercentileHistogram().register(meters)
                    .record(Duration.between(push.eventTime(), clock.instant()));
        }
        if (tracer == null || push.traceParent() == null) {
            delivery.run();
            return;
        }
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), push, TRACE_PARENT);
        Span span = tracer.spanBuilder("push " + push.event()).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("bunnybook.push.event", push.event()).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            delivery.run();
        } finally {
            span.end();
        }
    }
}
