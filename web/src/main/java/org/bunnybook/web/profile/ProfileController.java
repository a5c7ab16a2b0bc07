package org.bunnybook.web.profile;

import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.account.SearchProfiles;
import org.bunnybook.api.block.Blocking;
import org.bunnybook.api.block.FindBlocking;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.Member;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@RestController
class ProfileController {

    private static final int SEARCH_RESULTS = 5;

    private final QueryGateway queries;

    ProfileController(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * A member blocked by {@code id} is answered as if there were no such member. The blocker still gets the id and
     * username (what their own list of blocks shows), so their page of the member offers to unblock.
     */
    @GetMapping("/web/profiles/{id}")
    ProfileSummary profile(@Parameter(hidden = true) Optional<Member> viewer, @PathVariable UUID id) {
        Blocking blocking = queries.query(new FindBlocking(viewer.map(Member::profileId).orElse(null), id),
                ResponseTypes.instanceOf(Blocking.class)).join();
        if (blocking.blocksViewer()) {
            throw ApiException.notFound();
        }
        return queries.query(new FindAccountById(id), ResponseTypes.optionalInstanceOf(AccountView.class))
                .join()
                .map(account -> new ProfileSummary(account.id(), account.username()))
                .orElseThrow(ApiException::notFound);
    }

    /** Case-insensitive substring search on usernames, prefix matches first; without members blocked either way. */
    @GetMapping("/web/profiles")
    List<ProfileSummary> search(@Parameter(hidden = true) Optional<Member> viewer,
                                @RequestParam("username_query")
                                @Size(min = 1, max = 64, message = "must be 1 to 64 characters") String usernameQuery) {
        return queries.query(new SearchProfiles(usernameQuery, SEARCH_RESULTS,
                        viewer.map(Member::profileId).orElse(null)),
                ResponseTypes.multipleInstancesOf(ProfileSummary.class)).join();
    }
}
