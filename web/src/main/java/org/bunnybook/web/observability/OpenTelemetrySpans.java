package org.bunnybook.web.observability;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanAttributesProvider;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.SpanScope;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Axon's spans (dispatching and handling commands, publishing events, each processing group handling them) as
 * OpenTelemetry spans of the tracer Spring Boot configures, so they join the HTTP request's trace. The trace crosses
 * into the processing groups in the messages themselves: every command and event sent within a sampled trace
 * carries its W3C {@code traceparent} in its metadata, beside the correlation and causation ids, and a handler's span
 * continues that trace. Used only with tracing on ({@link TracingConfiguration}); off, Axon's no-op factory runs.
 */
class OpenTelemetrySpans implements SpanFactory {

    static final String TRACE_PARENT = "traceparent";

    private static final TextMapPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<MetaData> METADATA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(MetaData metaData) {
            return metaData.keySet();
        }

        @Override
        public String get(MetaData metaData, String key) {
            Object value = metaData == null ? null : metaData.get(key);
            return value instanceof String text ? text : null;
        }
    };

    private final Tracer tracer;
    private final List<SpanAttributesProvider> attributes = new CopyOnWriteArrayList<>();

    OpenTelemetrySpans(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public Span createRootTrace(Supplier<String> operationName) {
        return new Started(() -> tracer.spanBuilder(operationName.get()).setNoParent(), null);
    }

    @Override
    public Span createHandlerSpan(Supplier<String> operationName, Message<?> parentMessage, boolean isChildTrace,
                                  Message<?>... linkedParents) {
        return new Started(() -> {
            Context sent = PROPAGATOR.extract(Context.current(), parentMessage.getMetaData(), METADATA);
            SpanBuilder span = tracer.spanBuilder(operationName.get()).setSpanKind(SpanKind.CONSUMER);
            if (isChildTrace) {
                span.setParent(sent);
            } else {
                span.setNoParent().addLink(io.opentelemetry.api.trace.Span.fromContext(sent).getSpanContext());
            }
            for (Message<?> linked : linkedParents) {
                link(span, linked);
            }
            return span;
        }, parentMessage);
    }

    @Override
    public Span createDispatchSpan(Supplier<String> operationName, Message<?> parentMessage,
                                   Message<?>... linkedSiblings) {
        return new Started(() -> {
            SpanBuilder span = tracer.spanBuilder(operationName.get()).setSpanKind(SpanKind.PRODUCER);
            for (Message<?> linked : linkedSiblings) {
                link(span, linked);
            }
            return span;
        }, parentMessage);
    }

    @Override
    public Span createInternalSpan(Supplier<String> operationName) {
        return new Started(() -> tracer.spanBuilder(operationName.get()), null);
    }

    @Override
    public Span createInternalSpan(Supplier<String> operationName, Message<?> message) {
        return new Started(() -> tracer.spanBuilder(operationName.get()), message);
    }

    @Override
    public void registerSpanAttributeProvider(SpanAttributesProvider provider) {
        attributes.add(provider);
    }

    /** The message with the current span as its {@code traceparent}, if the current trace is sampled. */
    @Override
    @SuppressWarnings("unchecked")
    public <M extends Message<?>> M propagateContext(M message) {
        if (!io.opentelemetry.api.trace.Span.current().getSpanContext().isSampled()) {
            return message;
        }
        Map<String, String> carrier = new HashMap<>(2);
        PROPAGATOR.inject(Context.current(), carrier, Map::put);
        return carrier.isEmpty() ? message : (M) message.andMetaData(carrier);
    }

    private static void link(SpanBuilder span, Message<?> message) {
        SpanContext linked = io.opentelemetry.api.trace.Span.fromContext(
                PROPAGATOR.extract(Context.root(), message.getMetaData(), METADATA)).getSpanContext();
        if (linked.isValid()) {
            span.addLink(linked);
        }
    }

    /** An Axon span: built when started, so that a span Axon creates but never starts costs nothing. */
    private final class Started implements Span {

        private final Supplier<SpanBuilder> builder;
        private final Message<?> message;
        private io.opentelemetry.api.trace.Span span = io.opentelemetry.api.trace.Span.getInvalid();

        Started(Supplier<SpanBuilder> builder, Message<?> message) {
            this.builder = builder;
            this.message = message;
        }

        @Override
        public Span start() {
            span = builder.get().startSpan();
            if (message != null && span.isRecording()) {
                attributes.forEach(provider -> provider.provideForMessage(message).forEach(span::setAttribute));
            }
            return this;
        }

        @Override
        public SpanScope makeCurrent() {
            return span.makeCurrent()::close;
        }

        @Override
        public void end() {
            span.end();
        }

        @Override
        public Span recordException(Throwable t) {
            span.recordException(t);
            span.setStatus(StatusCode.ERROR);
            return this;
        }

        @Override
        public Span addAttribute(String key, String value) {
            span.setAttribute(key, value);
            return this;
        }
    }
}
