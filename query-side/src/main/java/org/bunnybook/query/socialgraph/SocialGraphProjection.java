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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.DependsOn;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The social graph in Neo4j: {@code (:Profile {id, username, key})} nodes, {@code REQUESTED} (requester → target),
 * {@code FRIEND} and {@code BLOCKED} (blocker → blocked) relationships. Neo4j cannot share the token's transaction,
 * so every change commits in its own Neo4j transaction before the token does, and is idempotent: each pair's
 * {@code (:Pair {id, seq})} node remembers the last event applied, and an event at or below it changes nothing,
 * however often it is replayed. Profiles are merged from the usernames the friendship events carry, because segments
 * run in parallel and a friendship event may be handled before the registration of one of its members. A batch's
 * changes are sent together, as one statement in one Neo4j transaction, just before the batch's token commits
 * ({@link BatchBuffers}); then the cache generations of every member they touched move on, so no cached answer about
 * them is read again.
 * The graph's constraints come from {@code classpath:neo4j/migrations}, applied by Neo4j-Migrations' initializer,
 * which this projection waits for: a pair merged before its unique constraint exists could be merged twice.
 */
@Component
@DependsOn("neo4jMigrationsInitializer")
@ProcessingGroup(ReadModels.SOCIAL_GRAPH)
class SocialGraphProjection {

    /**
     * A whole batch's changes in one statement (one Bolt round trip), each applied in its turn: the outer {@code CALL}
     * subquery runs once per change and sees what the changes before it wrote, so the batch means what its changes
     * would sent one by one. (Subqueries side by side at the top would each run over every row before the next
     * one: the planner puts an Eager between them, so an erasure would come after every pair change of its batch.)
     * First the batch's existing member nodes are locked, in the order of their ids: the other segment's batch (a
     * store that still has two) touches many of the same members, and two transactions locking them as their
     * changes come would deadlock one another. A pair's change is applied only if its {@code seq} is
     * newer than what the pair's {@code (:Pair {id, seq})} last applied, and not at all if one of its members erased
     * their account (a tombstone by id stays): the erasure removed the pair, whatever came first.
     */
    static final String APPLY = """
            CALL () {
                UNWIND $locked AS id
                MATCH (p:Profile {id: id}) SET p.id = id
            }
            UNWIND $changes AS change
            CALL (change) {
                CALL (change) {
                    WITH change WHERE change.kind = 'REGISTERED'
                    MERGE (p:Profile {id: change.a}) SET p.username = change.aName, p.key = change.aKey
                }
                CALL (change) {
                    WITH change WHERE change.pair IS NOT NULL
                    OPTIONAL MATCH (gone:ErasedProfile) WHERE gone.id IN [change.a, change.b]
                    WITH change, count(gone) AS erased WHERE erased = 0
                    MERGE (pair:Pair {id: change.pair})
                    WITH change, pair WHERE coalesce(pair.seq, -1) < change.seq
                    SET pair.seq = change.seq
                    MERGE (a:Profile {id: change.a})
                        ON CREATE SET a.username = change.aName, a.key = toLower(change.aName)
                    MERGE (b:Profile {id: change.b})
                        ON CREATE SET b.username = change.bName, b.key = toLower(change.bName)
                    WITH change.kind AS kind, a, b
                    CALL (kind, a, b) {
                        WITH a, b WHERE kind = 'REQUESTED'
                        MERGE (a)-[:REQUESTED]->(b)
                    }
                    CALL (kind, a, b) {
                        WITH a, b WHERE kind IN ['ACCEPTED', 'REJECTED', 'CANCELLED']
                        MATCH (a)-[request:REQUESTED]-(b) DELETE request
                    }
                    CALL (kind, a, b) {
                        WITH a, b WHERE kind = 'ACCEPTED'
                        MERGE (a)-[:FRIEND]-(b)
                    }
                    CALL (kind, a, b) {
                        WITH a, b WHERE kind = 'UNFRIENDED'
                        MATCH (a)-[friendship:FRIEND]-(b) DELETE friendship
                    }
                    CALL (kind, a, b) {
                        WITH a, b WHERE kind = 'BLOCKED'
                        MERGE (a)-[:BLOCKED]->(b)
                    }
                    CALL (kind, a, b) {
                        WITH a, b WHERE kind = 'UNBLOCKED'
                        MATCH (a)-[block:BLOCKED]->(b) DELETE block
                    }
                }
                CALL (change) {
                    WITH change WHERE change.kind = 'ERASED'
                    MERGE (:ErasedProfile {id: change.a})
                    WITH change
                    OPTIONAL MATCH (p:Profile {id: change.a}) DETACH DELETE p
                    WITH DISTINCT change
                    MATCH (pair:Pair) WHERE pair.id STARTS WITH change.a OR pair.id ENDS WITH change.a DELETE pair
                }
            }
            """;

    private final Neo4jClient neo4j;
    private final TransactionTemplate transaction;
    private final GenerationalCache cache;
    private final BatchBuffers.Buffer<Change> changes;

    SocialGraphProjection(Neo4jClient neo4j, @Qualifier("neo4jTransactionManager") PlatformTransactionManager neo4jTx,
                          @Qualifier(SocialGraphCache.NAME) GenerationalCache cache, BatchBuffers buffers) {
        this.neo4j = neo4j;
        this.transaction = new TransactionTemplate(neo4jTx);
        this.cache = cache;
        this.changes = buffers.buffer(this::apply);
    }

    /** What a change does: its {@code kind} in {@link #APPLY}. */
    private enum Kind { REGISTERED, REQUESTED, ACCEPTED, REJECTED, CANCELLED, UNFRIENDED, BLOCKED, UNBLOCKED, ERASED }

    /**
     * A change of the graph as a row of {@link #APPLY} ({@code kind}, members {@code a} and {@code b} with their
     * names, the {@code pair} and its {@code seq}; absent keys read as null), and the members whose cached answers
     * it makes stale (or everyone's).
     */
    private record Change(Map<String, Object> row, List<UUID> members, boolean everyone) {
    }

    @EventHandler
    void on(AccountRegistered event) {
        changes.add(new Change(Map.of("kind", Kind.REGISTERED.name(), "a", event.profileId().toString(),
                "aName", event.username(), "aKey", event.username().toLowerCase(Locale.ROOT)), List.of(), false));
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
        changes.add(pairChange(Kind.BLOCKED, event.friendshipId(), seq, event.blockerId(), event.blockedId()));
    }

    @EventHandler
    void on(MemberUnblocked event, @SequenceNumber long seq) {
        changes.add(pairChange(Kind.UNBLOCKED, event.friendshipId(), seq, event.blockerId(), event.blockedId()));
    }

    /**
     * Their profile leaves the graph with its friendships, requests, blocks and pairs, and a tombstone by id stays, so
     * that a pair's event handled after this one (in a rebuild, another segment may be behind) changes nothing.
     * Cached answers of anyone may name them (friends, suggestions, connections), so the whole cache is retired:
     * erasures are rare.
     */
    @EventHandler
    void on(AccountErased event) {
        changes.add(new Change(Map.of("kind", Kind.ERASED.name(), "a", event.profileId().toString()),
                List.of(event.profileId()), true));
    }

    /** Wipes the graph in batches: one transaction deleting a whole large graph would hold it all in memory. */
    @ResetHandler
    void reset() {
        long deleted;
        do {
            deleted = transaction.execute(status -> neo4j.query("""
                            MATCH (n) WHERE n:Profile OR n:Pair OR n:ErasedProfile
                            WITH n LIMIT 10000 DETACH DELETE n RETURN count(*)""")
                    .fetchAs(Long.class).one().orElse(0L));
        } while (deleted > 0);
        cache.forgetEverything();
    }

    /**
     * A change naming a member since erased (whose name now reads as a placeholder: its key is gone) is left out:
     * their node went with the erasure, and the segments handle a pair's and an account's events side by side, so in
     * a rebuild the erasure may come first; the node must not come back.
     */
    private void change(Kind kind, String pair, long seq, UUID a, String aName, UUID b, String bName) {
        if (Erased.isPlaceholder(aName) || Erased.isPlaceholder(bName)) {
            return;
        }
        Change change = pairChange(kind, pair, seq, a, b);
        change.row().put("aName", aName);
        change.row().put("bName", bName);
        changes.add(change);
    }

    private static Change pairChange(Kind kind, String pair, long seq, UUID a, UUID b) {
        Map<String, Object> row = new HashMap<>();
        row.put("kind", kind.name());
        row.put("pair", pair);
        row.put("seq", seq);
        row.put("a", a.toString());
        row.put("b", b.toString());
        return new Change(row, List.of(a, b), false);
    }

    /**
     * In order, in one statement of one transaction ({@link #APPLY}); then the members' cached answers are retired,
     * in one Redis round trip.
     */
    private void apply(List<Change> batch) {
        List<UUID> members = batch.stream().flatMap(change -> change.members().stream()).distinct().toList();
        List<String> locked = batch.size() > 1
                ? members.stream().map(UUID::toString).sorted().toList() : List.of();
        transaction.executeWithoutResult(status -> neo4j.query(APPLY)
                .bind(locked).to("locked")
                .bind(batch.stream().map(Change::row).toList()).to("changes")
                .run());
        if (batch.stream().anyMatch(Change::everyone)) {
            cache.forgetEverything();
        } else if (!members.isEmpty()) {
            cache.changed(members);
        }
    }
}
