package org.bunnybook.web.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.axonframework.tracing.NoOpSpanFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Axon's spans follow the tracing switch, whether or not Spring Boot made a tracer. */
class TracingConfigurationTest {

    private final ObjectProvider<Tracer> aTracer = new StaticListableBeanFactory(
            Map.of("tracer", OpenTelemetry.noop().getTracer("test"))).getBeanProvider(Tracer.class);

    @Test
    void tracingOffGivesAxonTheNoOpFactoryEvenWithATracerAround() {
        assertThat(new TracingConfiguration().spanFactory(aTracer, false)).isSameAs(NoOpSpanFactory.INSTANCE);
    }

    @Test
    void tracingOnGivesAxonSpansOfTheTracer() {
        assertThat(new TracingConfiguration().spanFactory(aTracer, true)).isInstanceOf(OpenTelemetrySpans.class);
    }
}
