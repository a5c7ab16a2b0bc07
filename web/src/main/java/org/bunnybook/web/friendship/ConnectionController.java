package org.bunnybook.web.friendship;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.friendship.Connection;
import org.bunnybook.api.friendship.FindConnection;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.Member;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How the member is connected to another member: the shortest chain of friendships between them. Friend lists are
 * public, so a chain shows nothing one could not find by following them; it is asked for as oneself all the same,
 * because it is one's own view of the network.
 */
@RestController
class ConnectionController {

    private final QueryGateway queries;

    ConnectionController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/web/profiles/{me}/connection/{other}")
    ConnectionView connection(Member member, @PathVariable UUID me, @PathVariable UUID other) {
        member.mustBe(me);
        if (me.equals(other)) { // the noughth degree, from the account: a registration waits for it, not for the graph
            return account(me).map(mine -> new ConnectionView(0, List.of(new ProfileSummary(me, mine.username()))))
                    .orElseThrow(() -> notConnected(me));
        }
        return queries.query(new FindConnection(me, other), ResponseTypes.optionalInstanceOf(Connection.class))
                .join()
                .map(ConnectionView::of)
                .orElseThrow(() -> notConnected(other));
    }

    /** Which of the two 404s: asked only once there is no chain, so a found one costs a single query. */
    private ApiException notConnected(UUID other) {
        boolean exists = account(other).isPresent();
        return new ApiException(HttpStatus.NOT_FOUND, Map.of("detail", exists
                ? "not connected within " + FindConnection.MAX_HOPS + " friendships"
                : "no such member"));
    }

    private Optional<AccountView> account(UUID id) {
        return queries.query(new FindAccountById(id), ResponseTypes.optionalInstanceOf(AccountView.class)).join();
    }
}
