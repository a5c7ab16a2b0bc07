package org.bunnybook.query.socialgraph;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bunnybook.api.PersonalData.Erased;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountErased;
import org.bunnybook.api.account.AccountRegistered;
import org.bunnybook.api.block.MemberBlocked;
import org.bunnybook.api.block.MemberUnblocked;
import org.bunnybook.api.friendship.FriendRequestAccepted;
import org.bunnybook.api.friendship.FriendRequestCancelled;
import org.bunnybook.api.friendship.FriendRequestRejected;
import org.bunnybook.api.friendship.FriendRequestSent;
import org.bunnybook.api.friendship.Unfriended;
import org.bunnybook.platform.processing.BatchBuffers;
import org.bunnybook.query.cache.GenerationalCache;
import org.bunnybook.query.socialgraph.GraphChange.Kind;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * The social graph in Neo4j: {@code (:Profile {id, username, key})} nodes, {@code REQUESTED} (requester → target),
 * {@code FRIEND} and {@code BLOCKED} (blocker → blocked) relationships. Neo4j cannot share the token's transaction,
 * so a batch's changes commit in their own Neo4j transaction just before the batch's token does ({@link BatchBuffers},
 * {@link GraphWrites}), and are idempotent: each pair's {@code (:Pair {id, seq})} node remembers the last event
 * applied, and an event at or below it changes nothing, however often it is replayed. Segments run in parallel, so a
 * friendship event may be handled before the registration of one of its members, or after their erasure.
 * The graph's constraints come from {@code classpath:neo4j/migrations}, applied by Neo4j-Migrations' initializer,
 * which this projection waits for: a pair merged before its unique constraint exists could be merged twice.
 */
@Component
@DependsOn("neo4jMigrationsInitializer")
@ProcessingGroup(ReadModels.SOCIAL_GRAPH)
class SocialGraphProjection {

    private final Driver driver;
    private final HomeDatabase database;
    private final GenerationalCache cache;
    private final BatchBuffers.Buffer<GraphChange> changes;

    SocialGraphProjection(Driver driver, HomeDatabase database,
                          @Qualifier(SocialGraphCache.NAME) GenerationalCache cache, BatchBuffers buffers,
                          GraphWrites writes) {
        this.driver = driver;
        this.database = database;
        this.cache = cache;
        this.changes = buffers.buffer(writes::apply);
    }

    @EventHandler
    void on(AccountRegistered event) {
        changes.add(GraphChange.registered(event.profileId(), event.username()));
    }

    @EventHandler
    void on(FriendRequestSent event, @SequenceNumber long seq) {
        change(Kind.REQUESTED, event.friendshipId(), seq, event.requesterId(), event.requesterUsername(),
                event.targetId(), event.targetUsername());
    }

    /** The request goes, whichever way it went, and they are friends. */
    @EventHandler
    void on(FriendRequestAccepted event, @SequenceNumber long seq) {
        change(Kind.ACCEPTED, event.friendshipId(), seq, event.requesterId(), event.requesterUsername(),
                event.targetId(), event.targetUsername());
    }

    @EventHandler
    void on(FriendRequestRejected event, @SequenceNumber long seq) {
        change(Kind.REJECTED, event.friendshipId(), seq, event.requesterId(), event.requesterUsername(),
                event.targetId(), event.targetUsername());
    }

    @EventHandler
    void on(FriendRequestCancelled event, @SequenceNumber long seq) {
        change(Kind.CANCELLED, event.friendshipId(), seq, event.requesterId(), event.requesterUsername(),
                event.targetId(), event.targetUsername());
    }

    @EventHandler
    void on(Unfriended event, @SequenceNumber long seq) {
        change(Kind.UNFRIENDED, event.friendshipId(), seq, event.byId(), event.byUsername(), event.otherId(),
                event.otherUsername());
    }

    /** Block events carry no usernames: their members' names come with their accounts. */
    @EventHandler
    void on(MemberBlocked event, @SequenceNumber long seq) {
        changes.add(GraphChange.ofPair(Kind.BLOCKED, event.friendshipId(), seq, event.blockerId(), null,
                event.blockedId(), null));
    }

    @EventHandler
    void on(MemberUnblocked event, @SequenceNumber long seq) {
        changes.add(GraphChange.ofPair(Kind.UNBLOCKED, event.friendshipId(), seq, event.blockerId(), null,
                event.blockedId(), null));
    }

    /**
     * Their profile leaves the graph with its friendships, requests, blocks and pairs, and a tombstone by id stays, so
     * that a pair's event handled after this one (in a rebuild, another segment may be behind) changes nothing.
     */
    @EventHandler
    void on(AccountErased event) {
        changes.add(GraphChange.erased(event.profileId()));
    }

    /**
     * Wipes the graph, for a replay of the processor's tokens reset by hand: a rebuild builds a copy beside the live
     * graph instead ({@link SocialGraphCopy}).
     */
    @ResetHandler
    void reset() {
        GraphDeletes.inBatches(driver, database, SocialGraphCopy.LIVE);
        cache.forgetEverything();
    }

    /**
     * A change naming a member since erased (whose name now reads as a placeholder: its key is gone) is left out:
     * their node went with the erasure, and the segments handle a pair's and an account's events side by side, so in
     * a rebuild the erasure may come first; the node must not come back.
     */
    private void change(Kind kind, String pair, long seq, UUID a, String aName, UUID b, String bName) {
        if (!Erased.isPlaceholder(aName) && !Erased.isPlaceholder(bName)) {
            changes.add(GraphChange.ofPair(kind, pair, seq, a, aName, b, bName));
        }
    }
}
