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

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The social graph in Neo4j: {@code (:Profile {id, username, key})} nodes, {@code REQUESTED} (requester → target),
 * {@code FRIEND} and {@code BLOCKED} (blocker → blocked) relationships. Neo4j cannot share the token's transaction, so every change commits in its own
 * Neo4j transaction before the token does, and is idempotent: each pair's {@code (:Pair {id, seq})} node remembers
 * the last event applied, and an event at or below it changes nothing, however often it is replayed. Profiles are
 * merged from the usernames the friendship events carry, because segments run in parallel and a friendship event
 * may be handled before the registration of one of its members. A batch's changes are sent together, in one Neo4j
 * transaction just before the batch's token commits ({@link BatchBuffers}); then the cache generations of every
 * member they touched move on, so no cached answer about them is read again.
 * The graph's constraints come from {@code classpath:neo4j/migrations}, applied by Neo4j-Migrations' initializer,
 * which this projection waits for: a pair merged before its unique constraint exists could be merged twice.
 */
@Component
@DependsOn("neo4jMigrationsInitializer")
@ProcessingGroup(ReadModels.SOCIAL_GRAPH)
class SocialGraphProjection {

    /** Runs {@code change} for the pair only if {@code $seq} is newer than what the pair last applied. */
    /** A pair one of whose members erased their account is left alone: the erasure removed it, whatever came first. */
    private static final String NOT_ERASED = """
            OPTIONAL MATCH (gone:ErasedProfile) WHERE gone.id IN [$a, $b]
            WITH count(gone) AS erased WHERE erased = 0
            """;
    private static final String IF_NEWER = NOT_ERASED + """
            MERGE (pair:Pair {id: $pair})
            WITH pair WHERE coalesce(pair.seq, -1) < $seq
            SET pair.seq = $seq
            WITH pair
            MERGE (a:Profile {id: $a}) ON CREATE SET a.username = $aName, a.key = toLower($aName)
            MERGE (b:Profile {id: $b}) ON CREATE SET b.username = $bName, b.key = toLower($bName)
            WITH a, b
            """;

    /** As {@link #IF_NEWER}, for events that carry no usernames: their members' names come with their accounts. */
    private static final String BLOCK_IF_NEWER = NOT_ERASED + """
            MERGE (pair:Pair {id: $pair})
            WITH pair WHERE coalesce(pair.seq, -1) < $seq
            SET pair.seq = $seq
            WITH pair
            MERGE (a:Profile {id: $a})
            MERGE (b:Profile {id: $b})
            WITH a, b
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

    /** A statement of the graph, and the members whose cached answers it makes stale (or everyone's). */
    private record Change(String cypher, Map<String, Object> parameters, List<UUID> members, boolean everyone) {

        Change(String cypher, Map<String, Object> parameters, List<UUID> members) {
            this(cypher, parameters, members, false);
        }
    }

    @EventHandler
    void on(AccountRegistered event) {
        changes.add(new Change("MERGE (p:Profile {id: $id}) SET p.username = $username, p.key = $key",
                Map.of("id", event.profileId().toString(), "username", event.username(),
                        "key", event.username().toLowerCase(Locale.ROOT)), List.of()));
    }

    @EventHandler
    void on(FriendRequestSent event, @SequenceNumber long seq) {
        change(event.friendshipId(), seq, event.requesterId(), event.requesterUsername(), event.targetId(),
                event.targetUsername(), "MERGE (a)-[:REQUESTED]->(b)");
    }

    @EventHandler
    void on(FriendRequestAccepted event, @SequenceNumber long seq) {
        change(event.friendshipId(), seq, event.requesterId(), event.requesterUsername(), event.targetId(),
                event.targetUsername(), """
                OPTIONAL MATCH (a)-[request:REQUESTED]-(b) DELETE request
                MERGE (a)-[:FRIEND]-(b)""");
    }

    @EventHandler
    void on(FriendRequestRejected event, @SequenceNumber long seq) {
        change(event.friendshipId(), seq, event.requesterId(), event.requesterUsername(), event.targetId(),
                event.targetUsername(),
                "OPTIONAL MATCH (a)-[request:REQUESTED]-(b) DELETE request");
    }

    @EventHandler
    void on(FriendRequestCancelled event, @SequenceNumber long seq) {
        change(event.friendshipId(), seq, event.requesterId(), event.requesterUsername(), event.targetId(),
                event.targetUsername(),
                "OPTIONAL MATCH (a)-[request:REQUESTED]-(b) DELETE request");
    }

    @EventHandler
    void on(Unfriended event, @SequenceNumber long seq) {
        change(event.friendshipId(), seq, event.byId(), event.byUsername(), event.otherId(), event.otherUsername(),
                "OPTIONAL MATCH (a)-[friendship:FRIEND]-(b) DELETE friendship");
    }

    @EventHandler
    void on(MemberBlocked event, @SequenceNumber long seq) {
        blockChange(event.friendshipId(), seq, event.blockerId(), event.blockedId(), "MERGE (a)-[:BLOCKED]->(b)");
    }

    @EventHandler
    void on(MemberUnblocked event, @SequenceNumber long seq) {
        blockChange(event.friendshipId(), seq, event.blockerId(), event.blockedId(),
                "OPTIONAL MATCH (a)-[block:BLOCKED]->(b) DELETE block");
    }

    /**
     * Their profile leaves the graph with its friendships, requests, blocks and pairs, and a tombstone by id stays, so
     * that a pair's event handled after this one (in a rebuild, another segment may be behind) changes nothing.
     * Cached answers of anyone may name them (friends, suggestions, connections), so the whole cache is retired:
     * erasures are rare.
     */
    @EventHandler
    void on(AccountErased event) {
        Map<String, Object> member = Map.of("id", event.profileId().toString());
        changes.add(new Change("MERGE (:ErasedProfile {id: $id})", member, List.of()));
        changes.add(new Change("MATCH (p:Profile {id: $id}) DETACH DELETE p", member, List.of(event.profileId())));
        changes.add(new Change("""
                MATCH (pair:Pair) WHERE pair.id STARTS WITH $id OR pair.id ENDS WITH $id DELETE pair""",
                member, List.of(event.profileId()), true));
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
    private void change(String pair, long seq, UUID a, String aName, UUID b, String bName, String cypher) {
        if (Erased.isPlaceholder(aName) || Erased.isPlaceholder(bName)) {
            return;
        }
        changes.add(new Change(IF_NEWER + cypher, Map.of("pair", pair, "seq", seq,
                "a", a.toString(), "aName", aName, "b", b.toString(), "bName", bName), List.of(a, b)));
    }

    private void blockChange(String pair, long seq, UUID blocker, UUID blocked, String cypher) {
        changes.add(new Change(BLOCK_IF_NEWER + cypher, Map.of("pair", pair, "seq", seq,
                "a", blocker.toString(), "b", blocked.toString()), List.of(blocker, blocked)));
    }

    /**
     * In order, in one transaction; then the members' cached answers are retired, in one Redis round trip. The
     * members' existing nodes are locked first, in the order of their ids: the other segment's batch touches many
     * of the same members, and two transactions locking them as their events come would deadlock one another.
     */
    private void apply(List<Change> batch) {
        List<UUID> members = batch.stream().flatMap(change -> change.members().stream()).distinct().toList();
        transaction.executeWithoutResult(status -> {
            if (batch.size() > 1 && !members.isEmpty()) {
                neo4j.query("UNWIND $ids AS id MATCH (p:Profile {id: id}) SET p.id = id")
                        .bind(members.stream().map(UUID::toString).sorted().toList()).to("ids").run();
            }
            batch.forEach(change -> neo4j.query(change.cypher()).bindAll(change.parameters()).run());
        });
        if (batch.stream().anyMatch(Change::everyone)) {
            cache.forgetEverything();
        } else if (!members.isEmpty()) {
            cache.changed(members);
        }
    }
}
