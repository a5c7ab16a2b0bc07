package org.bunnybook.web.observability;

import io.opentelemetry.api.trace.Tracer;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.SpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's spans go to the OpenTelemetry tracer Spring Boot sets up when tracing is on
 * ({@code management.tracing.enabled}; sampled at {@code management.tracing.sampling.probability}, exported over OTLP
 * to {@code management.otlp.tracing.endpoint} when one is set). Off, as by default, Axon gets its no-op factory and
 * tracing costs nothing. The switch is read here, not inferred from a tracer being there: Spring Boot makes its
 * tracer with tracing off too, and Axon's spans made with it cost each event in every processing group a span of
 * its own.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    SpanFactory spanFactory(ObjectProvider<Tracer> tracer,
                            @Value("${management.tracing.enabled:true}") boolean tracingEnabled) {
        Tracer configured = tracingEnabled ? tracer.getIfUnique() : null;
        return configured == null ? NoOpSpanFactory.INSTANCE : new OpenTelemetrySpans(configured);
    }
}
