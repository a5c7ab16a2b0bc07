package org.bunnybook.web.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.RecordedSpans;
import org.bunnybook.web.support.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bunnybook.web.support.Friends.befriend;

/**
 * One trace follows a post from the HTTP request through the command, the event it appended, every processing group
 * that handled it (on their own threads, later) and the push that told the wall's owner, collected by the
 * OpenTelemetry SDK's in-memory exporter (the test profile samples every request). The spans name who acted and what
 * caused what; the member's IP address, which every command sent over HTTP records, stays out of them.
 */
@BunnybookTest
class TracingTest {

    @LocalServerPort
    int port;

    @Autowired
    RecordedSpans spans;

    @AfterEach
    void stopRecording() {
        spans.stop();
    }

    @Test
    void oneTraceSpansTheRequestTheCommandTheProjectionsAndThePush() {
        Member writer = Members.register(port, "Traced");
        Member owner = Members.register(port, "Traced");
        befriend(writer, owner);
        try (Socket ownersTab = Socket.open(port, owner.client().accessToken())) {
            spans.start();
            Posts.write(writer, owner, "follow me", "PUBLIC");
            ownersTab.await("new_unread_notification", notification -> true);

            SpanData request = await("the request's span").atMost(Duration.ofSeconds(10))
                    .until(() -> spans.all().stream().filter(span -> span.getKind() == SpanKind.SERVER)
                            .filter(span -> span.getName().contains("/web/posts")).findFirst(), found -> found.isPresent())
                    .orElseThrow();
            String trace = request.getTraceId();
            List<String> projections = List.of("NotificationProjection.on(PostCreated", "WallProjection.on(PostCreated",
                    "FeedTimelineProjection.on(PostCreated");
            List<String> names = await("the trace's spans").atMost(Duration.ofSeconds(10))
                    .until(() -> names(trace), found -> found.contains("push new_unread_notification")
                            && projections.stream().allMatch(projection -> found.stream().anyMatch(
                            name -> name.startsWith(projection))));
            assertThat(names).as(String.join("\n", names)).contains("http post /web/posts",
                    "CommandBus.handleCommand", "EventBus.publishEvent", "StreamingEventProcessor.process");
            // the request is the root: everything else descends from it
            assertThat(request.getParentSpanContext().isValid()).isFalse();
            assertThat(traced(trace)).filteredOn(span -> !span.getParentSpanContext().isValid())
                    .containsExactly(request);

            assertNamesOriginNotAddress(traced(trace), writer);
        }
    }

    /**
     * Who acted, and what caused what, but not where from: the client's address, which every command sent over HTTP
     * records in its metadata (EventMetadataTest), stays out of the trace.
     */
    private static void assertNamesOriginNotAddress(List<SpanData> traced, Member writer) {
        SpanData command = traced.stream().filter(span -> span.getName().equals("CommandBus.handleCommand"))
                .findFirst().orElseThrow();
        Map<String, String> commandMetadata = metadataAttributes(command);
        assertThat(commandMetadata).containsEntry("axon_metadata_actor", writer.id().toString())
                .containsKey("axon_metadata_correlationId");
        String commandId = command.getAttributes().get(AttributeKey.stringKey("axon_message_id"));
        assertThat(traced).filteredOn(span -> String.valueOf(span.getAttributes()
                        .get(AttributeKey.stringKey("axon_payload_type"))).endsWith(".PostCreated"))
                .isNotEmpty()
                .allSatisfy(event -> assertThat(metadataAttributes(event))
                        .containsEntry("axon_metadata_causationId", commandId)
                        .containsEntry("axon_metadata_correlationId", commandMetadata.get("axon_metadata_correlationId")));
        String address = writer.client().clientAddress();
        assertThat(traced).allSatisfy(span -> {
            assertThat(metadataAttributes(span).keySet()).as(span.getName()).isSubsetOf(List.of(
                    "axon_metadata_actor", "axon_metadata_correlationId", "axon_metadata_causationId"));
            assertThat(span.getAttributes().asMap().values()).as(span.getName())
                    .noneMatch(value -> String.valueOf(value).contains(address));
        });
    }

    private static Map<String, String> metadataAttributes(SpanData span) {
        Map<String, String> metadata = new HashMap<>();
        span.getAttributes().forEach((key, value) -> {
            if (key.getKey().startsWith("axon_metadata_")) {
                metadata.put(key.getKey(), String.valueOf(value));
            }
        });
        return metadata;
    }

    private List<SpanData> traced(String trace) {
        return spans.all().stream().filter(span -> span.getTraceId().equals(trace)).toList();
    }

    private List<String> names(String trace) {
        return traced(trace).stream().map(SpanData::getName).sorted().collect(Collectors.toList());
    }
}
