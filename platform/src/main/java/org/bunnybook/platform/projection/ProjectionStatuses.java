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
    private final BesideLiveRebuilds beside;

    ProjectionStatuses(EventProcessingConfiguration processing, StoredTokens tokens, ProjectionRebuilds rebuilds,
                       EventStoreHead head, EventStoreTables tables, BesideLiveRebuilds beside) {
        this.processing = processing;
        this.beside = beside;
        this.tokens = tokens;
        this.rebuilds = rebuilds;
        this.eventStoreHead = head;
        this.tables = tables;
    }

    public List<ProjectionStatus> all() {
        long head = eventStoreHead.position();
        Map<String, Long> deadLetters = deadLetterCounts();
        return new TreeMap<>(processing.eventProcessors()).keySet().stream()
                .map(name -> of(name, head, deadLetters))
                .flatMap(Optional::stream)
                .toList();
    }

    public Optional<ProjectionStatus> of(String name) {
        return of(name, eventStoreHead.position(), deadLetterCounts());
    }

    private Optional<ProjectionStatus> of(String name, long head, Map<String, Long> deadLetters) {
        return rebuilds.processor(name).map(processor -> {
            List<ProjectionStatus.Segment> segments = segments(name);
            boolean replaying = replaying(segments);
            Long position = position(segments);
            Optional<ReadModelCopy> owned = beside.declared(name);
            return new ProjectionStatus(name, replaying, replaying ? progress(segments) : null, position, head,
                    lag(head, position), segments, thisNode(processor), deadLetters.getOrDefault(name, 0L),
                    processor.supportsReset(), owned.isPresent(), rebuilds.latest(name).orElse(null),
                    owned.flatMap(copy -> shadow(copy, head, deadLetters)).orElse(null));
        });
    }

    /** The copy being built, as long as its processor has tokens. */
    private Optional<ProjectionStatus.Shadow> shadow(ReadModelCopy owned, long head, Map<String, Long> deadLetters) {
        String name = owned.shadowProcessor();
        List<ProjectionStatus.Segment> segments = segments(name);
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        boolean replaying = replaying(segments);
        Long position = position(segments);
        return Optional.of(new ProjectionStatus.Shadow(name, replaying, replaying ? progress(segments) : 1.0,
                position, lag(head, position), segments, beside.runsHere(owned.group()),
                deadLetters.getOrDefault(name, 0L)));
    }

    private List<ProjectionStatus.Segment> segments(String processor) {
        return tokens.of(processor).stream().map(ProjectionStatuses::segment).toList();
    }

    private static boolean replaying(List<ProjectionStatus.Segment> segments) {
        return segments.stream().anyMatch(ProjectionStatus.Segment::replaying);
    }

    private static Long position(List<ProjectionStatus.Segment> segments) {
        return segments.isEmpty() || segments.stream().anyMatch(s -> s.position() == null) ? null
                : segments.stream().mapToLong(ProjectionStatus.Segment::position).min().orElseThrow();
    }

    /** A segment that has finished its replay counts as done, so the whole never goes backwards. */
    private static double progress(List<ProjectionStatus.Segment> segments) {
        OptionalDouble progress = segments.stream()
                .mapToDouble(segment -> segment.replaying() ? segment.progress() : 1.0).average();
        return progress.orElse(0);
    }

    private static Long lag(long head, Long position) {
        return position == null ? null : Math.max(0, head - position);
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
