package org.bunnybook.platform.push;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What caused a push, carried with it to the node that delivers it: when the event it tells about happened (so the
 * delivering node can tell how long the news took) and the trace that event belongs to (so the delivery joins it).
 * A push is sent after its read model commits, when the handler that asked for it has long returned; both are
 * captured when the handler asks ({@link Pushes#afterCommit}) and restored around the push.
 */
public final class PushCause {

    static final String TRACE_PARENT = "traceparent";

    private static final ContextKey<Instant> EVENT_TIME = ContextKey.named("bunnybook.push.eventTime");

    private PushCause() {
    }

    /** {@code push}, to be run later in the trace and with the event time of the message being handled now. */
    static Runnable capture(Runnable push) {
        Context context = Context.current();
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().getMessage() instanceof EventMessage<?> event) {
            context = context.with(EVENT_TIME, event.getTimestamp());
        }
        return context == Context.root() ? push : context.wrap(push);
    }

    /**
     * {@code push}, run with {@code eventTime} as its cause's time: for pushes sent where the event is known but is
     * not the message being handled (a chat message pushed once its command's events are stored).
     */
    public static Runnable causedAt(Instant eventTime, Runnable push) {
        return Context.current().with(EVENT_TIME, eventTime).wrap(push);
    }

    /** When the event behind the push being sent now happened; null for a push no event caused. */
    static Instant eventTime() {
        return Context.current().get(EVENT_TIME);
    }

    /** The W3C trace parent of the push being sent now, if it is traced (tracing is on and the trace sampled). */
    static String traceParent() {
        if (!Span.current().getSpanContext().isSampled()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACE_PARENT);
    }
}
