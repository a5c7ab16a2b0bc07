package org.bunnybook.web.observability;

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
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bunnybook.web.support.Friends.befriend;

/**
 * One trace follows a post from the HTTP request through the command, the event it appended, every processing group
 * that handled it (on their own threads, later) and the push that told the wall's owner, collected by the
 * OpenTelemetry SDK's in-memory exporter (the test profile samples every request).
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
            List<String> names = await("the trace's spans").atMost(Duration.ofSeconds(10))
                    .until(() -> names(trace), found -> found.contains("push new_unread_notification")
                            && found.stream().filter(name -> name.contains("Projection.on(PostCreated")).count() >= 2);
            assertThat(names).as(String.join("\n", names)).contains("http post /web/posts",
                            "CommandBus.handleCommand", "EventBus.publishEvent", "StreamingEventProcessor.process")
                    .anyMatch(name -> name.startsWith("NotificationProjection.on(PostCreated"))
                    .anyMatch(name -> name.startsWith("WallProjection.on(PostCreated"))
                    .anyMatch(name -> name.startsWith("FeedTimelineProjection.on(PostCreated"));
            // the request is the root: everything else descends from it
            assertThat(request.getParentSpanContext().isValid()).isFalse();
            assertThat(spans.all().stream().filter(span -> span.getTraceId().equals(trace))
                    .filter(span -> !span.getParentSpanContext().isValid())).containsExactly(request);
        }
    }

    private List<String> names(String trace) {
        return spans.all().stream().filter(span -> span.getTraceId().equals(trace)).map(SpanData::getName).sorted()
                .collect(Collectors.toList());
    }
}
