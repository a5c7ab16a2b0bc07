package org.bunnybook.web.observability;

import io.opentelemetry.api.trace.Tracer;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.SpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's spans go to the OpenTelemetry tracer Spring Boot sets up when tracing is on
 * ({@code management.tracing.enabled}; sampled at {@code management.tracing.sampling.probability}, exported over OTLP
 * to {@code management.otlp.tracing.endpoint} when one is set). Off, as by default, Axon gets its no-op factory and
 * tracing costs nothing.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    SpanFactory spanFactory(ObjectProvider<Tracer> tracer) {
        Tracer configured = tracer.getIfUnique();
        return configured == null ? NoOpSpanFactory.INSTANCE : new OpenTelemetrySpans(configured);
    }
}
