package org.bunnybook.platform.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.bunnybook.platform.eventstore.EventStoreHead;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.processing.ReplayProgress;
import org.bunnybook.platform.processing.StoredTokens;
import org.bunnybook.platform.processing.StoredTokens.StoredToken;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Reads how every processing group stands from the shared stores (tokens, dead letters, rebuilds). */
@Component
public class ProjectionStatuses {

    private final EventProcessingConfiguration processing;
    private final StoredTokens tokens;
    private final ProjectionRebuilds rebuilds;
    private final EventStoreTables tables;
    private final EventStoreHead eventStoreHead;

    ProjectionStatuses(EventProcessingConfiguration processing, StoredTokens tokens, ProjectionRebuilds rebuilds,
                       EventStoreHead head, EventStoreTables tables) {
        this.processing = processing;
        this.tokens = tokens;
        this.rebuilds = rebuilds;
        this.eventStoreHead = head;
        this.tables = tables;
    }

    public List<ProjectionStatus> all() {
        long head = eventStoreHead.position();
        Map<String, Long> deadLetters = deadLetterCounts();
        return new TreeMap<>(processing.eventProcessors()).keySet().stream()
                .map(name -> of(name, head, deadLetters.getOrDefault(name, 0L)))
                .flatMap(Optional::stream)
                .toList();
    }

    public Optional<ProjectionStatus> of(String name) {
        return of(name, eventStoreHead.position(), deadLetterCounts().getOrDefault(name, 0L));
    }

    private Optional<ProjectionStatus> of(String name, long head, long deadLetters) {
        return rebuilds.processor(name).map(processor -> {
            List<ProjectionStatus.Segment> segments = tokens.of(name).stream().map(ProjectionStatuses::segment)
                    .toList();
            boolean replaying = segments.stream().anyMatch(ProjectionStatus.Segment::replaying);
            Long position = segments.isEmpty() || segments.stream().anyMatch(s -> s.position() == null) ? null
                    : segments.stream().mapToLong(ProjectionStatus.Segment::position).min().orElseThrow();
            // a segment that has finished its replay counts as done, so the whole never goes backwards
            OptionalDouble progress = segments.stream()
                    .mapToDouble(segment -> segment.replaying() ? segment.progress() : 1.0).average();
            return new ProjectionStatus(name, replaying, replaying ? progress.orElse(0) : null, position, head,
                    position == null ? null : Math.max(0, head - position), segments, thisNode(processor),
                    deadLetters, processor.supportsReset(), rebuilds.latest(name).orElse(null));
        });
    }

    private static ProjectionStatus.Segment segment(StoredToken stored) {
        TrackingToken token = stored.token();
        ReplayProgress replay = ReplayProgress.of(token);
        return new ProjectionStatus.Segment(stored.segment(), stored.owner(),
                token == null ? null : ReplayProgress.position(token), replay.replaying(), replay.progress());
    }

    private ProjectionStatus.ThisNode thisNode(StreamingEventProcessor processor) {
        List<String> errors = processor.processingStatus().values().stream()
                .filter(EventTrackerStatus::isErrorState)
                .map(status -> "segment " + status.getSegment().getSegmentId() + ": "
                        + (status.getError() == null ? "error" : status.getError().toString()))
                .toList();
        return new ProjectionStatus.ThisNode(rebuilds.node(), processor.isRunning(),
                processor.isError() || !errors.isEmpty(), errors);
    }

    private Map<String, Long> deadLetterCounts() {
        return tables.parkedCounts();
    }
}
