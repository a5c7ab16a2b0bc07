package org.bunnybook.platform.projection;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.platform.eventstore.EventStoreTables.TokenClaim;
import org.bunnybook.platform.eventstore.PromptEventSource;
import org.bunnybook.platform.processing.ReplayProgress;
import org.bunnybook.platform.processing.StoredTokens;
import org.bunnybook.platform.processing.StoredTokens.StoredToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rebuilds a group that declares a copy of its read model ({@link ReadModelCopy}: its {@link OwnedTables}, or another
 * store's) beside the live one, so members never see it partial. One node makes an empty copy and tokens for a second
 * processor ({@link ShadowProcessors}) that replays the whole history into it, on every node, while the live
 * processor goes on as before (BUILDING). Once the copy has nearly caught up with the live model, every node stops
 * its live processor (SWITCHING); the rebuild's processor overtakes the stopped live one, and then one node, in one
 * transaction, swaps the copy in, gives the live processor the rebuild's tokens and parked events, and retires the
 * old model; what caches it hears of it in that transaction ({@link CopiesSwappedIn}). The live processors start
 * again from where the copy is. A switch that cannot happen within {@code bunnybook.projections.switch-timeout} is
 * put off (BUILDING again), so the live model never stays frozen.
 */
@Component
class BesideLiveRebuilds {

    private static final Logger log = LoggerFactory.getLogger(BesideLiveRebuilds.class);
    /** A claim not renewed for this long belongs to a node that is gone (Axon's default claim timeout is 10 s). */
    private static final Duration STALE_CLAIM = Duration.ofSeconds(15);

    private final Map<String, ReadModelCopy> declared;
    private final ShadowProcessors shadows;
    private final StoredTokens tokens;
    private final EventStoreTables tables;
    private final TokenStore tokenStore;
    private final Serializer serializer;
    private final ObjectProvider<Configuration> axon;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ApplicationEventPublisher published;
    private final long switchWithin;
    private final Duration switchTimeout;

    BesideLiveRebuilds(ObjectProvider<OwnedTables> owned, ObjectProvider<ReadModelCopy> copies,
                       ShadowProcessors shadows,
                       StoredTokens tokens, EventStoreTables tables, TokenStore tokenStore, Serializer serializer,
                       ObjectProvider<Configuration> axon, JdbcClient jdbc, TransactionTemplate transaction,
                       Clock clock, ApplicationEventPublisher published,
                       @Value("${bunnybook.projections.switch-within:100}") long switchWithin,
                       @Value("${bunnybook.projections.switch-timeout:10s}") Duration switchTimeout) {
        this.declared = Stream.concat(owned.orderedStream().map(tablesOf -> new TableCopies(tablesOf, jdbc)),
                        copies.orderedStream())
                .collect(Collectors.toUnmodifiableMap(ReadModelCopy::group, Function.identity()));
        this.shadows = shadows;
        this.tokens = tokens;
        this.tables = tables;
        this.tokenStore = tokenStore;
        this.serializer = serializer;
        this.axon = axon;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.published = published;
        this.switchWithin = switchWithin;
        this.switchTimeout = switchTimeout;
    }

    /** The copy of a group rebuilt beside its live model; empty for groups rebuilt in place. */
    Optional<ReadModelCopy> declared(String group) {
        return Optional.ofNullable(declared.get(group));
    }

    boolean runsHere(String group) {
        return shadows.isRunning(group);
    }

    /** This node's part in a rebuild beside the live model, whatever its state. */
    void takePart(long rebuild, Rebuild.State state, ReadModelCopy owned, StreamingEventProcessor live, String node) {
        switch (state) {
            case REQUESTED -> {
                ensureRunning(live);
                prepare(rebuild, owned, node);
            }
            case BUILDING -> {
                ensureRunning(live);
                if (lost(rebuild, owned)) {
                    cancelLost(rebuild, owned);
                    return;
                }
                shadows.start(owned);
                owned.whileBuilding();
                switchIfNearlyCaughtUp(rebuild, owned);
            }
            case SWITCHING -> {
                if (live.isRunning()) {
                    live.shutDown(); // releases this node's segments; reads go on from the live tables
                }
                // Left running once the swap is done, the rebuild's processor finds its schema gone and warns (with
                // a stack) until it is stopped. So it is stopped as soon as it has overtaken the live processor as
                // stored (stopped here; another node may still move it, and the swap checks again), and at once
                // after the swap. Its tokens gone, another node swapped: started, it would fail the same way.
                List<StoredToken> copies = tokens.of(owned.shadowProcessor());
                if (copies.isEmpty() || overtakes(copies, tokens.of(owned.group()))) {
                    shadows.stop(owned.group());
                } else {
                    shadows.start(owned);
                }
                if (switchedOver(rebuild, owned)) {
                    log.info("{} rebuilt beside the live model and switched over (rebuild {}) on {}", owned.group(),
                            rebuild, node);
                    shadows.stop(owned.group());
                    ensureRunning(live); // at once, not at the next poll: the live model stands still until it runs
                    clearAway(rebuild, owned, owned::afterSwitch);
                } else {
                    putOffIfOverdue(rebuild, owned);
                }
            }
            case FINISHED, CANCELLED, REPLAYING -> {
                shadows.stop(owned.group());
                if (state == Rebuild.State.CANCELLED) {
                    forget(rebuild, owned);
                }
                ensureRunning(live);
            }
        }
    }

    /** Where the rebuild's processor stands, for the group's status; empty when no rebuild beside it is under way. */
    List<StoredToken> shadowTokens(ReadModelCopy owned) {
        return tokens.of(owned.shadowProcessor());
    }

    private void prepare(long rebuild, ReadModelCopy owned, String node) {
        transaction.executeWithoutResult(status -> {
            if (!lockedAsLatest(rebuild, owned.group()) || lockedState(rebuild) != Rebuild.State.REQUESTED) {
                return; // another node prepared it, or it was cancelled
            }
            owned.create(rebuild);
            tables.deleteTokens(owned.shadowProcessor());
            tables.deleteParked(owned.shadowProcessor());
            int segments = Math.max(1, tokens.of(owned.group()).size()); // the same split as live, segment by segment
            PromptEventSource events = axon.getObject().getComponent(PromptEventSource.class);
            TrackingToken head = events.createHeadToken();
            // a replay up to today's head: handlers see the past as replayed, as in a rebuild in place
            tokenStore.initializeTokenSegments(owned.shadowProcessor(), segments,
                    head == null ? null : ReplayToken.createReplayToken(head));
            jdbc.sql("""
                            UPDATE projection_rebuilds SET state = :building, reset_at = :at, reset_by_node = :node
                            WHERE rebuild_id = :id""")
                    .param("building", Rebuild.State.BUILDING.name()).param("at", OffsetDateTime.now(clock))
                    .param("node", node).param("id", rebuild)
                    .update();
            log.info("{} is being rebuilt beside the live model (rebuild {}), prepared on {}", owned.group(),
                    rebuild, node);
        });
    }

    private void switchIfNearlyCaughtUp(long rebuild, ReadModelCopy owned) {
        Map<Integer, Long> live = positions(tokens.of(owned.group()));
        List<StoredToken> copies = tokens.of(owned.shadowProcessor());
        boolean nearly = !copies.isEmpty() && live.keySet().equals(positions(copies).keySet())
                && copies.stream().noneMatch(copy -> ReplayProgress.of(copy.token()).replaying())
                && copies.stream().allMatch(copy ->
                ReplayProgress.position(copy.token()) >= live.get(copy.segment()) - switchWithin);
        if (nearly) {
            // built while still BUILDING, the live model serving meanwhile; the copies, held back while an index was
            // built, catch up again before the next poll looks
            Boolean built = transaction.execute(status ->
                    lockedState(rebuild) == Rebuild.State.BUILDING && owned.completeLeft());
            if (Boolean.TRUE.equals(built)) {
                return;
            }
            owned.beforeSwitching();
            jdbc.sql("""
                            UPDATE projection_rebuilds SET state = :switching, switching_since = :at
                            WHERE rebuild_id = :id AND state = :building""")
                    .param("switching", Rebuild.State.SWITCHING.name()).param("at", OffsetDateTime.now(clock))
                    .param("id", rebuild).param("building", Rebuild.State.BUILDING.name())
                    .update();
        }
    }

    /**
     * {@link #switchOver}, a failure of which (a listener of {@link CopiesSwappedIn}, say) rolls the swap back and
     * counts as not yet: put off once overdue like any other, so the live model never stays frozen.
     */
    private boolean switchedOver(long rebuild, ReadModelCopy owned) {
        try {
            return switchOver(rebuild, owned);
        } catch (RuntimeException e) {
            log.warn("{} could not switch over (rebuild {}); tried again at the next poll", owned.group(), rebuild, e);
            return false;
        }
    }

    /**
     * Swaps the copies in, if the rebuild's processor has got at least as far as the live one in every segment and no
     * node runs either any more; else changes nothing and answers false (tried again at the next poll).
     */
    private boolean switchOver(long rebuild, ReadModelCopy owned) {
        Boolean switched = transaction.execute(status -> {
            if (lockedState(rebuild) != Rebuild.State.SWITCHING) {
                return false;
            }
            owned.lock();
            List<TokenClaim> claims = tables.lockTokens(List.of(owned.group(), owned.shadowProcessor()));
            // no processor of either may write while the copy is swapped in: the rebuild's, done, is stopped on
            // every node too (a copy in another store cannot be locked against it as tables are)
            boolean running = claims.stream().anyMatch(this::held);
            List<StoredToken> copies = tokens.of(owned.shadowProcessor());
            if (running || !overtakes(copies, tokens.of(owned.group()))) {
                status.setRollbackOnly();
                return false;
            }
            boolean fresh = owned.swapIn(rebuild);
            published.publishEvent(new CopiesSwappedIn(owned.group())); // in this transaction, before it commits
            if (fresh) {
                copies.forEach(copy -> {
                    SerializedObject<byte[]> token = serializer.serialize(current(copy.token()), byte[].class);
                    tables.storeToken(owned.group(), copy.segment(), token.getData(), token.getType().getName());
                });
                // the old model's parked events went with it (swapped in earlier, the live processor has been
                // writing the copy since, and what it parked stays)
                tables.deleteParked(owned.group());
            }
            tables.deleteTokens(owned.shadowProcessor());
            // the copy's parked events are the live model's now
            tables.moveParked(owned.shadowProcessor(), owned.group());
            jdbc.sql("""
                            UPDATE projection_rebuilds SET state = :finished, finished_at = :at
                            WHERE rebuild_id = :id""")
                    .param("finished", Rebuild.State.FINISHED.name()).param("at", OffsetDateTime.now(clock))
                    .param("id", rebuild)
                    .update();
            return true;
        });
        return Boolean.TRUE.equals(switched);
    }

    /** Whether the rebuild's processor has got at least as far as the live one, in every segment. */
    private static boolean overtakes(List<StoredToken> copies, List<StoredToken> liveTokens) {
        Map<Integer, Long> live = positions(liveTokens);
        return !copies.isEmpty() && live.keySet().equals(positions(copies).keySet())
                && copies.stream().allMatch(copy -> ReplayProgress.position(copy.token()) >= live.get(copy.segment()));
    }

    /**
     * Whether the copy is lost; a store that cannot answer (Redis or Neo4j down) has not lost it, so the rebuild goes on
     * as it did before the question was asked, its switch waiting for the store, and the poll logs no stack for it.
     */
    private boolean lost(long rebuild, ReadModelCopy owned) {
        try {
            return owned.lost(rebuild);
        } catch (RuntimeException unknown) {
            log.debug("could not tell whether the copy of rebuild {} of {} is still there", rebuild, owned.group(),
                    unknown);
            return false;
        }
    }

    /**
     * Cancels a rebuild whose copy is gone: its switch would be put off at every attempt, and the admin page would show
     * it building for ever. Every node then stops its processor and forgets its tokens, as for an admin's cancel.
     */
    private void cancelLost(long rebuild, ReadModelCopy owned) {
        int cancelled = jdbc.sql("""
                        UPDATE projection_rebuilds SET state = :cancelled, finished_at = :at
                        WHERE rebuild_id = :id AND state = :building""")
                .param("cancelled", Rebuild.State.CANCELLED.name()).param("at", OffsetDateTime.now(clock))
                .param("id", rebuild).param("building", Rebuild.State.BUILDING.name())
                .update();
        if (cancelled > 0) {
            log.warn("rebuild {} of {}: the copy it was building is gone (its store lost it, or it was removed);"
                    + " cancelled: the live model serves on, and the rebuild can be asked for again", rebuild,
                    owned.group());
        }
    }

    private void putOffIfOverdue(long rebuild, ReadModelCopy owned) {
        int putOff = jdbc.sql("""
                        UPDATE projection_rebuilds SET state = :building, switching_since = NULL
                        WHERE rebuild_id = :id AND state = :switching AND switching_since < :overdue""")
                .param("building", Rebuild.State.BUILDING.name()).param("id", rebuild)
                .param("switching", Rebuild.State.SWITCHING.name())
                .param("overdue", OffsetDateTime.now(clock).minus(switchTimeout))
                .update();
        if (putOff > 0) {
            log.warn("{} could not switch over within {}; the live model runs on and the switch is tried later",
                    owned.group(), switchTimeout);
        }
    }

    /** Drops what a cancelled rebuild made; every node may try, the first one does it. */
    private void forget(long rebuild, ReadModelCopy owned) {
        if (owned.leftBehind() || !tokens.of(owned.shadowProcessor()).isEmpty()) {
            clearAway(rebuild, owned, () -> {
                owned.drop();
                tables.deleteTokens(owned.shadowProcessor());
                tables.deleteParked(owned.shadowProcessor());
            });
        }
    }

    /**
     * Clears away what a rebuild left (a cancelled one's copy and tokens, what a switch retired), unless the group has
     * been asked for a newer rebuild since: a node late with its poll (it saw the rebuild cancelled a moment before)
     * would delete the newer one's copy and tokens, which go by the same names, and that rebuild would be cancelled as
     * lost. Preparing a newer rebuild clears away what this one left, and so does cancelling it before it is prepared
     * ({@link ReadModelCopy#leftBehind}). Another node preparing a rebuild of the group waits meanwhile, as long as
     * deleting a retired graph takes: as long as its own preparation would.
     */
    private void clearAway(long rebuild, ReadModelCopy owned, Runnable clear) {
        transaction.executeWithoutResult(status -> {
            if (lockedAsLatest(rebuild, owned.group())) {
                clear.run();
            }
        });
    }

    /**
     * In a transaction: takes the group's rebuild lock for the rest of it, which preparing a rebuild and clearing
     * away after one take too, and answers whether this rebuild is still the group's latest. The lock comes first:
     * a look in the same statement would not see a newer rebuild prepared while it waited.
     */
    private boolean lockedAsLatest(long rebuild, String group) {
        jdbc.sql("SELECT pg_advisory_xact_lock('projection_rebuilds'::regclass::oid::int, hashtext(:group))")
                .param("group", group).query(locked -> {
                }); // answers nothing worth reading; the lock is held until the transaction ends
        return jdbc.sql("""
                        SELECT NOT EXISTS (SELECT 1 FROM projection_rebuilds
                                           WHERE processing_group = :group AND rebuild_id > :id)""")
                .param("group", group).param("id", rebuild).query(Boolean.class).single();
    }

    private Rebuild.State lockedState(long rebuild) {
        return Rebuild.State.valueOf(jdbc.sql("SELECT state FROM projection_rebuilds WHERE rebuild_id = :id FOR UPDATE")
                .param("id", rebuild).query(String.class).single());
    }

    private boolean held(TokenClaim claim) {
        if (claim.owner() == null) {
            return false;
        }
        try {
            return Instant.parse(claim.timestamp()).isAfter(clock.instant().minus(STALE_CLAIM));
        } catch (NullPointerException | DateTimeParseException unreadable) {
            return true;
        }
    }

    /** The position a token stands for, without the replay around it: the live processor is not replaying. */
    private static TrackingToken current(TrackingToken token) {
        return token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
    }

    private static Map<Integer, Long> positions(List<StoredToken> segments) {
        return segments.stream().collect(Collectors.toMap(StoredToken::segment,
                segment -> ReplayProgress.position(segment.token())));
    }

    private static void ensureRunning(StreamingEventProcessor live) {
        if (!live.isRunning()) {
            live.start();
        }
    }
}
