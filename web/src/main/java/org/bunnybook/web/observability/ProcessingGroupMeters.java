package org.bunnybook.web.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.function.ToDoubleFunction;

/**
 * Every processing group's lag (in events and in seconds), parked events and whether it runs on this node, as
 * gauges tagged {@code group}. Registered once the processors exist; read when scraped ({@link ProcessingGroupsNow}).
 */
@Component
class ProcessingGroupMeters {

    private final ProcessingGroupsNow now;
    private final MeterRegistry meters;

    ProcessingGroupMeters(ProcessingGroupsNow now, MeterRegistry meters) {
        this.now = now;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        for (String group : now.names()) {
            gauge("bunnybook.processing.lag.events", "events between the newest event and the group's slowest segment",
                    group, ProcessingGroupsNow.Group::lagEvents);
            gauge("bunnybook.processing.lag.seconds", "how long the oldest event the group has still to handle waits",
                    group, ProcessingGroupsNow.Group::lagSeconds);
            gauge("bunnybook.processing.dead.letters", "events parked after a failure, waiting for a retry",
                    group, ProcessingGroupsNow.Group::deadLetters);
            gauge("bunnybook.processing.running", "1 while this node runs the group's processor", group,
                    status -> status.running() ? 1 : 0);
        }
    }

    private void gauge(String name, String description, String group, ToDoubleFunction<ProcessingGroupsNow.Group> value) {
        Gauge.builder(name, now, groups -> {
                    ProcessingGroupsNow.Group status = groups.groups().get(group);
                    return status == null ? Double.NaN : value.applyAsDouble(status);
                })
                .description(description).tag("group", group).strongReference(true).register(meters);
    }
}
