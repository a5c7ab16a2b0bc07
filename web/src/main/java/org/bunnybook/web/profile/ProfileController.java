package org.bunnybook.web.profile;

import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.account.SearchProfiles;
import org.bunnybook.web.error.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
class ProfileController {

    private static final int SEARCH_RESULTS = 5;

    private final QueryGateway queries;

    ProfileController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/web/profiles/{id}")
    ProfileSummary profile(@PathVariable UUID id) {
        return queries.query(new FindAccountById(id), ResponseTypes.optionalInstanceOf(AccountView.class))
                .join()
                .map(account -> new ProfileSummary(account.id(), account.username()))
                .orElseThrow(ApiException::notFound);
    }

    /** Case-insensitive substring search on usernames, prefix matches first. */
    @GetMapping("/web/profiles")
    List<ProfileSummary> search(@RequestParam("username_query")
                                @Size(min = 1, max = 64, message = "must be 1 to 64 characters") String usernameQuery) {
        return queries.query(new SearchProfiles(usernameQuery, SEARCH_RESULTS),
                ResponseTypes.multipleInstancesOf(ProfileSummary.class)).join();
    }
}
