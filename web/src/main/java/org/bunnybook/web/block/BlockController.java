package org.bunnybook.web.block;

import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.block.BlockMember;
import org.bunnybook.api.block.BlockedMember;
import org.bunnybook.api.block.FindBlockedMembers;
import org.bunnybook.api.block.UnblockMember;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.Member;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A member's blocks: blocking and unblocking another member, and the list of those one blocks. Only the member
 * themselves may use them. Each is a command to the pair's friendship aggregate, which ends their friendship or
 * pending request as it records the block; answers once the graph and the friendships tables show it.
 */
@RestController
class BlockController {

    private final ReadYourWrites commands;
    private final QueryGateway queries;

    BlockController(ReadYourWrites commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PutMapping("/web/profiles/{me}/blocks/{other}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Blocks a member (idempotent): ends a friendship or pending request with them, and hides "
            + "each from the other; 400 for oneself, 404 for no such member")
    void block(Member member, @PathVariable UUID me, @PathVariable UUID other) {
        requireAnother(member, me, other);
        commands.send(new BlockMember(FriendshipId.of(me, other), me, other));
    }

    @DeleteMapping("/web/profiles/{me}/blocks/{other}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unblocks a member (idempotent); nothing the block ended comes back")
    void unblock(Member member, @PathVariable UUID me, @PathVariable UUID other) {
        requireAnother(member, me, other);
        commands.send(new UnblockMember(FriendshipId.of(me, other), me, other));
    }

    @GetMapping("/web/profiles/{me}/blocks")
    @Operation(summary = "The members the caller blocks, most recently blocked first")
    List<BlockedMember> blocks(Member member, @PathVariable UUID me) {
        member.mustBe(me);
        return queries.query(new FindBlockedMembers(me), ResponseTypes.multipleInstancesOf(BlockedMember.class))
                .join();
    }

    private void requireAnother(Member member, UUID me, UUID other) {
        member.mustBe(me);
        if (me.equals(other)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, Map.of("detail", "a member cannot block themselves"));
        }
        queries.query(new FindAccountById(other), ResponseTypes.optionalInstanceOf(AccountView.class)).join()
                .orElseThrow(ApiException::notFound);
    }
}
