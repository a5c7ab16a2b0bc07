package org.bunnybook.command.friendship;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.bunnybook.api.block.BlockMember;
import org.bunnybook.api.block.MemberBlocked;
import org.bunnybook.api.block.MemberUnblocked;
import org.bunnybook.api.block.UnblockMember;
import org.bunnybook.api.friendship.AcceptFriendRequest;
import org.bunnybook.api.friendship.CancelFriendRequest;
import org.bunnybook.api.friendship.FriendRequestAccepted;
import org.bunnybook.api.friendship.FriendRequestCancelled;
import org.bunnybook.api.friendship.FriendRequestRejected;
import org.bunnybook.api.friendship.FriendRequestSent;
import org.bunnybook.api.friendship.RejectFriendRequest;
import org.bunnybook.api.friendship.SendFriendRequest;
import org.bunnybook.api.friendship.UnexpectedRelationshipState;
import org.bunnybook.api.friendship.Unfriend;
import org.bunnybook.api.friendship.Unfriended;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The relationship of one unordered pair of members, from first request to unfriending and back. One aggregate for
 * both directions means both members' actions are decided against one state: of two requests sent towards each
 * other at the same moment, one is recorded and the other finds a pending request and is refused. Blocks live here
 * too, for the same reason: a block and a request or an acceptance racing it are decided one after the other, so
 * no friendship can begin across a block.
 */
@Aggregate
public class Friendship {

    private enum State { NONE, REQUESTED, FRIENDS }

    @AggregateIdentifier
    private String friendshipId;
    private State state = State.NONE;
    private UUID requesterId;
    private String requesterUsername;
    private UUID targetId;
    private String targetUsername;
    /** The members of the pair who block the other: none, one, or both. */
    private Set<UUID> blockers = new HashSet<>();

    protected Friendship() {
        // for Axon
    }

    // Every action is decided by the pair's state, which is NONE before the first request: hence
    // CREATE_IF_MISSING throughout (an action refused on a new pair records nothing, so creates nothing).

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SendFriendRequest command) {
        if (command.requesterId().equals(command.targetId())) {
            throw new UnexpectedRelationshipState("a member cannot befriend themselves");
        }
        require(state == State.NONE, "a request needs no relationship yet");
        // refused as any request that does not fit the pair is, so the blocked member learns nothing more
        require(blockers.isEmpty(), "no request across a block");
        apply(new FriendRequestSent(command.friendshipId(), command.requesterId(), command.requesterUsername(),
                command.targetId(), command.targetUsername()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AcceptFriendRequest command) {
        require(state == State.REQUESTED && command.accepterId().equals(targetId), "only the target may accept");
        apply(new FriendRequestAccepted(friendshipId, requesterId, requesterUsername, targetId, targetUsername));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RejectFriendRequest command) {
        require(state == State.REQUESTED && command.rejecterId().equals(targetId), "only the target may reject");
        apply(new FriendRequestRejected(friendshipId, requesterId, requesterUsername, targetId, targetUsername));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CancelFriendRequest command) {
        require(state == State.REQUESTED && command.requesterId().equals(requesterId),
                "only the requester may cancel");
        apply(new FriendRequestCancelled(friendshipId, requesterId, requesterUsername, targetId, targetUsername));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(Unfriend command) {
        boolean requesterLeaves = command.unfrienderId().equals(requesterId);
        require(state == State.FRIENDS && (requesterLeaves || command.unfrienderId().equals(targetId)),
                "only friends may unfriend");
        apply(requesterLeaves
                ? new Unfriended(friendshipId, requesterId, requesterUsername, targetId, targetUsername)
                : new Unfriended(friendshipId, targetId, targetUsername, requesterId, requesterUsername));
    }

    /**
     * Ends what the pair has (a friendship, as unfriending does; a pending request, as its requester cancelling it
     * does), then records the block. The blocked member is told nothing beyond what those endings tell anyone.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(BlockMember command) {
        if (command.blockerId().equals(command.blockedId())) {
            throw new UnexpectedRelationshipState("a member cannot block themselves");
        }
        if (blockers.contains(command.blockerId())) {
            return;
        }
        if (state == State.FRIENDS) {
            boolean requesterBlocks = command.blockerId().equals(requesterId);
            apply(requesterBlocks
                    ? new Unfriended(friendshipId, requesterId, requesterUsername, targetId, targetUsername)
                    : new Unfriended(friendshipId, targetId, targetUsername, requesterId, requesterUsername));
        } else if (state == State.REQUESTED) {
            apply(new FriendRequestCancelled(friendshipId, requesterId, requesterUsername, targetId, targetUsername));
        }
        apply(new MemberBlocked(command.friendshipId(), command.blockerId(), command.blockedId()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(UnblockMember command) {
        if (blockers.contains(command.blockerId())) {
            apply(new MemberUnblocked(friendshipId, command.blockerId(), command.blockedId()));
        }
    }

    /** Whether either member blocks the other; asked by other aggregates' rules through {@link Blocks}. */
    boolean blocked() {
        return !blockers.isEmpty();
    }

    /** Whether the two are friends now; asked by other aggregates' rules through {@link FriendshipHistories}. */
    boolean friends() {
        return state == State.FRIENDS;
    }

    private static void require(boolean allowed, String rule) {
        if (!allowed) {
            throw new UnexpectedRelationshipState(rule);
        }
    }

    @EventSourcingHandler
    void on(FriendRequestSent event) {
        friendshipId = event.friendshipId();
        requesterId = event.requesterId();
        requesterUsername = event.requesterUsername();
        targetId = event.targetId();
        targetUsername = event.targetUsername();
        state = State.REQUESTED;
    }

    @EventSourcingHandler
    void on(FriendRequestAccepted event) {
        state = State.FRIENDS;
    }

    @EventSourcingHandler
    void on(FriendRequestRejected event) {
        state = State.NONE;
    }

    @EventSourcingHandler
    void on(FriendRequestCancelled event) {
        state = State.NONE;
    }

    @EventSourcingHandler
    void on(Unfriended event) {
        state = State.NONE;
    }

    @EventSourcingHandler
    void on(MemberBlocked event) {
        friendshipId = event.friendshipId();
        blockers.add(event.blockerId());
    }

    @EventSourcingHandler
    void on(MemberUnblocked event) {
        blockers.remove(event.blockerId());
    }
}
