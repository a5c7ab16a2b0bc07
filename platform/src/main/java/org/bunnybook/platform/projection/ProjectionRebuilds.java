package org.bunnybook.platform.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.bunnybook.platform.Conflict;
import org.bunnybook.platform.NotFound;
import org.bunnybook.platform.StoreOutage;
import org.bunnybook.platform.processing.ReplayProgress;
import org.bunnybook.platform.processing.NodeName;
import org.bunnybook.platform.processing.StoredTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds a processing group from history while the application keeps serving, on any number of nodes. The nodes
 * agree through the {@code projection_rebuilds} table, which each polls. A group that declares a copy of its read
 * model ({@link ReadModelCopy}, or the tables it owns: {@link OwnedTables}) is rebuilt beside its live read model
 * and switched over once caught up ({@link BesideLiveRebuilds}); members never see it partial. Any other group is
 * rebuilt in place, as follows.
 * <p>
 * Axon can reset a processor's tokens only where no node holds any of its segments: while a rebuild is REQUESTED
 * every node stops its processor of that group (releasing its segments), and one of them, under a row lock so it
 * happens once, resets the tokens (running the projection's reset handler and dropping its dead letters, in the same
 * transaction) as soon as it can claim every segment. Then the rebuild is REPLAYING: every node runs the processor
 * again, which replays history up to where it was reset and carries on live. It is FINISHED once no segment
 * replays. Other groups never stop.
 */
@Component
public class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final StoredTokens tokens;
    private final BesideLiveRebuilds beside;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String node;
    private final RowMapper<Rebuild> mapper = (rs, row) -> new Rebuild(rs.getLong("rebuild_id"),
            Rebuild.State.valueOf(rs.getString("state")), rs.getBoolean("beside_live"), rs.getString("requested_by"),
            instant(rs.getTimestamp("requested_at")),
            instant(rs.getTimestamp("reset_at")), rs.getString("reset_by_node"),
            instant(rs.getTimestamp("finished_at")));

    ProjectionRebuilds(JdbcClient jdbc, EventProcessingConfiguration processing, StoredTokens tokens,
                       BesideLiveRebuilds beside, TransactionTemplate transaction, Clock clock,
                       NodeName node) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.tokens = tokens;
        this.beside = beside;
        this.transaction = transaction;
        this.clock = clock;
        this.node = node.value();
    }

    /** Asks every node to rebuild the group; refused if it cannot be replayed or is being rebuilt already. */
    public Rebuild request(String group, String requestedBy) {
        StreamingEventProcessor processor = processor(group).orElseThrow(() -> unknown(group));
        if (!processor.supportsReset()) {
            throw new Conflict(group
                    + " cannot be rebuilt: replaying it would repeat its effects or undo what it vouches for");
        }
        Optional<ReadModelCopy> owned = beside.declared(group);
        owned.ifPresent(ReadModelCopy::checkSwappable);
        try {
            jdbc.sql("""
                            INSERT INTO projection_rebuilds (processing_group, state, beside_live, requested_by,
                                                             requested_at)
                            VALUES (:group, :state, :beside, :by, :at)""")
                    .param("group", group).param("state", Rebuild.State.REQUESTED.name())
                    .param("beside", owned.isPresent()).param("by", requestedBy)
                    .param("at", OffsetDateTime.now(clock))
                    .update();
        } catch (DuplicateKeyException running) {
            throw new Conflict(group + " is being rebuilt");
        }
        return latest(group).orElseThrow();
    }

    /**
     * Whether the group is being rebuilt in place: stopped for it or replaying, its read model partial or about to be
     * (rebuilt beside the live model, it is complete throughout).
     */
    public boolean inPlaceUnderWay(String group) {
        return latest(group).filter(rebuild -> !rebuild.besideLive())
                .map(rebuild -> rebuild.state() == Rebuild.State.REQUESTED
                        || rebuild.state() == Rebuild.State.REPLAYING)
                .orElse(false);
    }

    /** This node's name in the token store and in the rebuilds it resets. */
    String node() {
        return node;
    }

    /** The group's current rebuild, else its last one. */
    Optional<Rebuild> latest(String group) {
        return jdbc.sql("SELECT * FROM projection_rebuilds WHERE processing_group = :group"
                        + " ORDER BY rebuild_id DESC LIMIT 1")
                .param("group", group).query(mapper).optional();
    }

    /**
     * Cancels a rebuild that has not reset anything yet, or whose copies are still being built beside the live
     * model; every node then runs the group as before. 404 if the group has no rebuild under way, 409 if it is
     * replaying already (its tokens are reset: it can only go on) or switching over.
     */
    public void cancel(String group) {
        processor(group).orElseThrow(() -> unknown(group));
        int cancelled = jdbc.sql("""
                        UPDATE projection_rebuilds SET state = :cancelled, finished_at = :at
                        WHERE processing_group = :group AND state IN (:requested, :building)""")
                .param("cancelled", Rebuild.State.CANCELLED.name()).param("at", OffsetDateTime.now(clock))
                .param("group", group).param("requested", Rebuild.State.REQUESTED.name())
                .param("building", Rebuild.State.BUILDING.name())
                .update();
        if (cancelled == 0) {
            Optional<Rebuild.State> state = latest(group).map(Rebuild::state);
            boolean underWay = state.filter(s -> s == Rebuild.State.REPLAYING || s == Rebuild.State.SWITCHING)
                    .isPresent();
            throw underWay ? new Conflict(group + " is " + state.get().name().toLowerCase()
                    + " already and cannot be cancelled")
                    : new NotFound("a rebuild of " + group + " under way");
        }
    }

    /**
     * Takes this node's part in every rebuild under way, and makes sure a group whose rebuild ended in the last
     * minute runs here again (this node may have stopped it while another one finished the job, or it was
     * cancelled). A rebuild that fails here (its reset handler's store is down, say) is tried again at the next poll
     * and holds back no other.
     */
    @Scheduled(fixedDelayString = "${bunnybook.projections.rebuild-poll-interval:500ms}")
    void coordinate() {
        List<CurrentRebuild> current;
        try {
            current = current();
        } catch (RuntimeException e) {
            if (!StoreOutage.causedIt(e)) {
                throw e;
            }
            // PostgreSQL down, or no connection free in a burst: the next poll asks again, no need for a stack trace
            log.warn("cannot read the rebuilds under way ({}); asking again at the next poll", e.getMessage());
            return;
        }
        for (CurrentRebuild rebuild : current) {
            processor(rebuild.group()).ifPresent(processor -> {
                try {
                    takePart(rebuild, processor);
                } catch (RuntimeException e) {
                    log.warn("rebuild {} of {} failed on {}; trying again at the next poll", rebuild.id(),
                            rebuild.group(), node, e);
                }
            });
        }
    }

    private List<CurrentRebuild> current() {
        // a group's latest rebuild only: an earlier one finished in the last minute would stop its successor's work
        return jdbc.sql("""
                        SELECT * FROM (
                            SELECT DISTINCT ON (processing_group) rebuild_id, processing_group, state, beside_live
                            FROM projection_rebuilds
                            WHERE state IN (:requested, :replaying, :building, :switching) OR finished_at > :recently
                            ORDER BY processing_group, rebuild_id DESC) latest
                        ORDER BY rebuild_id""")
                .param("requested", Rebuild.State.REQUESTED.name()).param("replaying", Rebuild.State.REPLAYING.name())
                .param("building", Rebuild.State.BUILDING.name()).param("switching", Rebuild.State.SWITCHING.name())
                .param("recently", OffsetDateTime.now(clock).minusMinutes(1))
                .query((rs, row) -> new CurrentRebuild(rs.getLong(1), rs.getString(2),
                        Rebuild.State.valueOf(rs.getString(3)), rs.getBoolean(4)))
                .list();
    }

    private void takePart(CurrentRebuild rebuild, StreamingEventProcessor processor) {
        Optional<ReadModelCopy> owned = beside.declared(rebuild.group());
        if (rebuild.besideLive() && owned.isPresent()) {
            beside.takePart(rebuild.id(), rebuild.state(), owned.get(), processor, node);
        } else if (rebuild.state() == Rebuild.State.REQUESTED) {
            if (processor.isRunning()) {
                processor.shutDown(); // releases this node's segments
            }
            reset(rebuild, processor);
        } else {
            if (!processor.isRunning()) {
                processor.start();
            }
            if (rebuild.state() == Rebuild.State.REPLAYING) {
                finishIfReplayed(rebuild);
            }
        }
    }

    private void reset(CurrentRebuild rebuild, StreamingEventProcessor processor) {
        transaction.executeWithoutResult(status -> {
            Rebuild.State state = Rebuild.State.valueOf(jdbc.sql(
                            "SELECT state FROM projection_rebuilds WHERE rebuild_id = :id FOR UPDATE")
                    .param("id", rebuild.id()).query(String.class).single());
            if (state != Rebuild.State.REQUESTED) {
                return; // another node reset it meanwhile, or it was cancelled: run the group again, below
            }
            try {
                processor.resetTokens();
            } catch (UnableToClaimTokenException heldElsewhere) {
                status.setRollbackOnly(); // another node still runs it; it stops at its next poll
                return;
            }
            // parked events are part of the history being replayed: retrying them later would apply them twice
            processing.deadLetterQueue(rebuild.group()).ifPresent(SequencedDeadLetterQueue::clear);
            jdbc.sql("""
                            UPDATE projection_rebuilds SET state = :replaying, reset_at = :at, reset_by_node = :node
                            WHERE rebuild_id = :id""")
                    .param("replaying", Rebuild.State.REPLAYING.name()).param("at", OffsetDateTime.now(clock))
                    .param("node", node).param("id", rebuild.id())
                    .update();
            log.info("{} reset for rebuild {} on {}", rebuild.group(), rebuild.id(), node);
        });
        Rebuild.State now = Rebuild.State.valueOf(jdbc.sql(
                        "SELECT state FROM projection_rebuilds WHERE rebuild_id = :id")
                .param("id", rebuild.id()).query(String.class).single());
        if (now != Rebuild.State.REQUESTED && !processor.isRunning()) {
            processor.start();
        }
    }

    private void finishIfReplayed(CurrentRebuild rebuild) {
        var segments = tokens.of(rebuild.group());
        boolean replaying = segments.isEmpty()
                || segments.stream().anyMatch(segment -> ReplayProgress.of(segment.token()).replaying());
        if (!replaying) {
            int finished = jdbc.sql("""
                            UPDATE projection_rebuilds SET state = :finished, finished_at = :at
                            WHERE rebuild_id = :id AND state = :replaying""")
                    .param("finished", Rebuild.State.FINISHED.name()).param("at", OffsetDateTime.now(clock))
                    .param("id", rebuild.id()).param("replaying", Rebuild.State.REPLAYING.name())
                    .update();
            if (finished > 0) {
                log.info("{} rebuilt (rebuild {})", rebuild.group(), rebuild.id());
            }
        }
    }

    static NotFound unknown(String group) {
        return new NotFound("processing group " + group);
    }

    Optional<StreamingEventProcessor> processor(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record CurrentRebuild(long id, String group, Rebuild.State state, boolean besideLive) {
    }
}
