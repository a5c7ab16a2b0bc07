package org.bunnybook.web.observability;

import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.projection.ProjectionStatus;
import org.bunnybook.platform.projection.ProjectionStatuses;
import org.bunnybook.platform.projection.Rebuild;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How every processing group stands, read from the shared stores ({@link ProjectionStatuses}) at most once a
 * second, however many gauges and health probes ask: the meters cost nothing until someone scrapes them.
 */
@Component
class ProcessingGroupsNow {

    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final ProjectionStatuses statuses;
    private final EventStoreTables tables;
    private final Clock clock;
    private Instant readAt = Instant.MIN;
    private Map<String, Group> groups = Map.of();

    ProcessingGroupsNow(ProjectionStatuses statuses, EventStoreTables tables, Clock clock) {
        this.statuses = statuses;
        this.tables = tables;
        this.clock = clock;
    }

    /**
     * One processing group: events and seconds behind the newest event (the age of the oldest event it has still
     * to handle), events parked, whether this node runs its processor, whether a rebuild keeps it stopped on purpose.
     */
    record Group(String name, long lagEvents, double lagSeconds, long deadLetters, boolean running,
                 boolean rebuilding) {
    }

    synchronized Map<String, Group> groups() {
        Instant now = clock.instant();
        if (readAt.plus(FRESH_FOR).isBefore(now)) {
            groups = statuses.all().stream().map(status -> group(status, now))
                    .collect(Collectors.toUnmodifiableMap(Group::name, Function.identity()));
            readAt = now;
        }
        return groups;
    }

    List<String> names() {
        return groups().keySet().stream().sorted().toList();
    }

    private Group group(ProjectionStatus status, Instant now) {
        long lag = status.lag() == null ? status.head() : status.lag();
        double seconds = lag == 0 ? 0 : waitingSince(status.position() == null ? 0 : status.position(), now);
        Rebuild rebuild = status.rebuild();
        boolean rebuilding = rebuild != null && rebuild.finishedAt() == null;
        return new Group(status.name(), lag, seconds, status.deadLetters(), status.thisNode().running(), rebuilding);
    }

    private double waitingSince(long position, Instant now) {
        return tables.timestampAfter(position).map(stamp -> {
            try {
                return Math.max(0, Duration.between(Instant.parse(stamp), now).toMillis() / 1000.0);
            } catch (DateTimeParseException e) {
                return 0.0; // a row altered by hand: no age to tell
            }
        }).orElse(0.0);
    }
}
