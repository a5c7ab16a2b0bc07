package org.bunnybook.web.support;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;

/**
 * The test application's spans (the test profile traces every request), kept in memory by the OpenTelemetry SDK's
 * own test exporter while a test records them and dropped otherwise, so that the whole suite's spans do not pile up.
 * Spring Boot adds every {@link SpanExporter} bean to its span processor.
 */
@Component
public class RecordedSpans implements SpanExporter {

    private final InMemorySpanExporter memory = InMemorySpanExporter.create();
    private volatile boolean recording;

    /** Forgets what was recorded and records from now on. */
    public void start() {
        memory.reset();
        recording = true;
    }

    public void stop() {
        recording = false;
        memory.reset();
    }

    public List<SpanData> all() {
        return memory.getFinishedSpanItems();
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return recording ? memory.export(spans) : CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
