package org.bunnybook.web.observability;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Readiness of the read models: every processing group runs on this node, unless a rebuild keeps it stopped on
 * purpose. A group that lags or has parked events is still up: it serves, and its readers wait or fall back.
 */
@Component("processingGroups")
class ProcessingGroupsHealth extends AbstractHealthIndicator {

    private final ProcessingGroupsNow now;

    ProcessingGroupsHealth(ProcessingGroupsNow now) {
        super("processing groups could not be read");
        this.now = now;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        List<String> stopped = now.groups().values().stream()
                .filter(group -> !group.running() && !group.rebuilding())
                .map(ProcessingGroupsNow.Group::name).sorted().toList();
        (stopped.isEmpty() ? health.up() : health.down()).withDetail("stopped", stopped);
    }
}
