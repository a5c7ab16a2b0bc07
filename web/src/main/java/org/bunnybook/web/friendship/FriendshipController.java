package org.bunnybook.web.friendship;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.Processes;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.api.friendship.AcceptFriendRequest;
import org.bunnybook.api.friendship.CancelFriendRequest;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.api.friendship.RejectFriendRequest;
import org.bunnybook.api.friendship.SendFriendRequest;
import org.bunnybook.api.friendship.UnexpectedRelationshipState;
import org.bunnybook.api.friendship.Unfriend;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.platform.processing.AwaitedGroups;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.Member;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The friendship lifecycle. Each action is a command to the pair's friendship aggregate, which judges it against the
 * pair's state; the caller may only act as themselves. Answers once the graph and the friendships table show it,
 * and, for accepting and unfriending, the pair's conversation too.
 */
@RestController
class FriendshipController {

    private final ReadYourWrites commands;
    private final QueryGateway queries;

    FriendshipController(ReadYourWrites commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping("/web/profiles/{me}/outgoing_friend_requests/{target}")
    @ResponseStatus(HttpStatus.CREATED)
    void send(Member member, @PathVariable UUID me, @PathVariable UUID target) {
        member.mustBe(me);
        if (me.equals(target)) {
            throw new UnexpectedRelationshipState("a member cannot befriend themselves");
        }
        AccountView other = queries.query(new FindAccountById(target),
                ResponseTypes.optionalInstanceOf(AccountView.class)).join().orElseThrow(ApiException::notFound);
        commands.send(new SendFriendRequest(FriendshipId.of(me, target), me, member.username(), target, other.username()));
    }

    @PostMapping("/web/profiles/{me}/friends/{requester}")
    @ResponseStatus(HttpStatus.CREATED)
    void accept(Member member, @PathVariable UUID me, @PathVariable UUID requester) {
        member.mustBe(me);
        try (var expecting = expectingConversation()) {
            commands.send(new AcceptFriendRequest(FriendshipId.of(me, requester), me));
            awaitConversation(me, requester);
        }
    }

    @DeleteMapping("/web/profiles/{me}/incoming_friend_requests/{requester}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reject(Member member, @PathVariable UUID me, @PathVariable UUID requester) {
        member.mustBe(me);
        commands.send(new RejectFriendRequest(FriendshipId.of(me, requester), me));
    }

    @DeleteMapping("/web/profiles/{me}/outgoing_friend_requests/{target}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(Member member, @PathVariable UUID me, @PathVariable UUID target) {
        member.mustBe(me);
        commands.send(new CancelFriendRequest(FriendshipId.of(me, target), me));
    }

    @DeleteMapping("/web/profiles/{me}/friends/{friend}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unfriend(Member member, @PathVariable UUID me, @PathVariable UUID friend) {
        member.mustBe(me);
        try (var expecting = expectingConversation()) {
            commands.send(new Unfriend(FriendshipId.of(me, friend), me));
            awaitConversation(me, friend);
        }
    }

    /**
     * The process and the conversations are told of new events at once from before the command is sent, so that the
     * process's step begins as the friendship's events commit, not once the request starts waiting for it.
     */
    private AwaitedGroups.Awaiting expectingConversation() {
        return commands.expecting(Processes.CONVERSATION_LIFECYCLE, ReadModels.CONVERSATIONS);
    }

    /**
     * Accepting opens the pair's conversation and unfriending closes it, one step later: the conversation lifecycle
     * reacts to the friendship's event with a command to the conversation. Waiting for the process first (its
     * command is stored in the transaction that moves its token), then for the conversation's own newest event to
     * be in the conversations read model, lets whoever accepted open the chat the moment the answer arrives.
     */
    private void awaitConversation(UUID me, UUID other) {
        commands.awaitAggregate(FriendshipId.of(me, other), Processes.CONVERSATION_LIFECYCLE);
        commands.awaitAggregate(ChatGroupId.of(me, other).toString(), ReadModels.CONVERSATIONS);
    }
}
