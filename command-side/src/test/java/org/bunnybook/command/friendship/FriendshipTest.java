package org.bunnybook.command.friendship;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.bunnybook.api.friendship.AcceptFriendRequest;
import org.bunnybook.api.friendship.CancelFriendRequest;
import org.bunnybook.api.friendship.FriendRequestAccepted;
import org.bunnybook.api.friendship.FriendRequestCancelled;
import org.bunnybook.api.friendship.FriendRequestRejected;
import org.bunnybook.api.friendship.FriendRequestSent;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.api.friendship.RejectFriendRequest;
import org.bunnybook.api.friendship.SendFriendRequest;
import org.bunnybook.api.friendship.UnexpectedRelationshipState;
import org.bunnybook.api.friendship.Unfriend;
import org.bunnybook.api.friendship.Unfriended;
import org.bunnybook.api.block.BlockMember;
import org.bunnybook.api.block.MemberBlocked;
import org.bunnybook.api.block.MemberUnblocked;
import org.bunnybook.api.block.UnblockMember;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

class FriendshipTest {

    private final UUID hazel = UUID.randomUUID();
    private final UUID fiver = UUID.randomUUID();
    private final String id = FriendshipId.of(hazel, fiver);
    private AggregateTestFixture<Friendship> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Friendship.class);
    }

    private FriendRequestSent sent() {
        return new FriendRequestSent(id, hazel, "hazel", fiver, "fiver");
    }

    private FriendRequestAccepted accepted() {
        return new FriendRequestAccepted(id, hazel, "hazel", fiver, "fiver");
    }

    @Test
    void theFirstRequestOpensThePair() {
        fixture.givenNoPriorActivity()
                .when(new SendFriendRequest(id, hazel, "hazel", fiver, "fiver"))
                .expectEvents(sent());
    }

    @Test
    void nobodyBefriendsThemselves() {
        String self = FriendshipId.of(hazel, hazel);
        fixture.givenNoPriorActivity()
                .when(new SendFriendRequest(self, hazel, "hazel", hazel, "hazel"))
                .expectException(UnexpectedRelationshipState.class);
    }

    @Test
    void aRequestTowardsAPendingOneIsRefusedSoBothRacersEndInOneState() {
        fixture.given(sent())
                .when(new SendFriendRequest(id, fiver, "fiver", hazel, "hazel"))
                .expectException(UnexpectedRelationshipState.class)
                .expectNoEvents();
    }

    @Test
    void onlyTheTargetAccepts() {
        fixture.given(sent()).when(new AcceptFriendRequest(id, fiver)).expectEvents(accepted());
        fixture.given(sent()).when(new AcceptFriendRequest(id, hazel))
                .expectException(UnexpectedRelationshipState.class);
    }

    @Test
    void onlyTheTargetRejects() {
        fixture.given(sent()).when(new RejectFriendRequest(id, fiver))
                .expectEvents(new FriendRequestRejected(id, hazel, "hazel", fiver, "fiver"));
        fixture.given(sent()).when(new RejectFriendRequest(id, hazel))
                .expectException(UnexpectedRelationshipState.class);
    }

    @Test
    void onlyTheRequesterCancels() {
        fixture.given(sent()).when(new CancelFriendRequest(id, hazel))
                .expectEvents(new FriendRequestCancelled(id, hazel, "hazel", fiver, "fiver"));
        fixture.given(sent()).when(new CancelFriendRequest(id, fiver))
                .expectException(UnexpectedRelationshipState.class);
    }

    @Test
    void eitherFriendUnfriendsAndThePairCanStartAgain() {
        fixture.given(sent(), accepted()).when(new Unfriend(id, fiver))
                .expectEvents(new Unfriended(id, fiver, "fiver", hazel, "hazel"));
        fixture.given(sent(), accepted(), new Unfriended(id, hazel, "hazel", fiver, "fiver"))
                .when(new SendFriendRequest(id, fiver, "fiver", hazel, "hazel"))
                .expectEvents(new FriendRequestSent(id, fiver, "fiver", hazel, "hazel"));
    }

    @Test
    void actionsThatDoNotFitTheStateAreRefused() {
        fixture.givenNoPriorActivity().when(new AcceptFriendRequest(id, fiver))
                .expectException(UnexpectedRelationshipState.class);
        fixture.given(sent()).when(new Unfriend(id, hazel)).expectException(UnexpectedRelationshipState.class);
        fixture.given(sent(), accepted()).when(new SendFriendRequest(id, hazel, "hazel", fiver, "fiver"))
                .expectException(UnexpectedRelationshipState.class);
        fixture.given(sent(), accepted()).when(new CancelFriendRequest(id, hazel))
                .expectException(UnexpectedRelationshipState.class);
    }

    @Test
    void blockingEndsAFriendshipAsUnfriendingDoesThenRecordsTheBlockOnce() {
        fixture.given(sent(), accepted())
                .when(new BlockMember(id, fiver, hazel))
                .expectEvents(new Unfriended(id, fiver, "fiver", hazel, "hazel"), new MemberBlocked(id, fiver, hazel));
        fixture.given(sent(), accepted(), new Unfriended(id, fiver, "fiver", hazel, "hazel"),
                        new MemberBlocked(id, fiver, hazel))
                .when(new BlockMember(id, fiver, hazel))
                .expectNoEvents();
    }

    @Test
    void blockingCancelsAPendingRequestWhicheverWayItWent() {
        fixture.given(sent())
                .when(new BlockMember(id, fiver, hazel))
                .expectEvents(new FriendRequestCancelled(id, hazel, "hazel", fiver, "fiver"),
                        new MemberBlocked(id, fiver, hazel));
        fixture.givenNoPriorActivity()
                .when(new BlockMember(id, fiver, hazel))
                .expectEvents(new MemberBlocked(id, fiver, hazel));
    }

    @Test
    void noRequestAcrossABlockEitherWayAndUnblockingRestoresNothing() {
        fixture.given(new MemberBlocked(id, fiver, hazel))
                .when(new SendFriendRequest(id, hazel, "hazel", fiver, "fiver"))
                .expectException(UnexpectedRelationshipState.class);
        fixture.given(new MemberBlocked(id, fiver, hazel))
                .when(new SendFriendRequest(id, fiver, "fiver", hazel, "hazel"))
                .expectException(UnexpectedRelationshipState.class);
        fixture.given(new MemberBlocked(id, fiver, hazel), new MemberBlocked(id, hazel, fiver),
                        new MemberUnblocked(id, fiver, hazel))
                .when(new SendFriendRequest(id, fiver, "fiver", hazel, "hazel"))
                .expectException(UnexpectedRelationshipState.class);
        fixture.given(sent(), accepted(), new Unfriended(id, fiver, "fiver", hazel, "hazel"),
                        new MemberBlocked(id, fiver, hazel))
                .when(new UnblockMember(id, fiver, hazel))
                .expectEvents(new MemberUnblocked(id, fiver, hazel));
        fixture.given(new MemberBlocked(id, fiver, hazel), new MemberUnblocked(id, fiver, hazel))
                .when(new SendFriendRequest(id, hazel, "hazel", fiver, "fiver"))
                .expectEvents(sent());
    }

    @Test
    void onlyABlockOfOnesOwnIsLifted() {
        fixture.given(new MemberBlocked(id, fiver, hazel))
                .when(new UnblockMember(id, hazel, fiver))
                .expectNoEvents();
    }

    @Test
    void nobodyBlocksThemselves() {
        fixture.givenNoPriorActivity()
                .when(new BlockMember(FriendshipId.of(hazel, hazel), hazel, hazel))
                .expectException(UnexpectedRelationshipState.class);
    }
}
