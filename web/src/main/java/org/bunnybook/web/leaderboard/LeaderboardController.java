package org.bunnybook.web.leaderboard;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.leaderboard.ActiveBunnyView;
import org.bunnybook.api.leaderboard.FindMostActiveBunnies;
import org.bunnybook.web.security.Member;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The most active bunnies, for members only. Eventually consistent: no write waits for the leaderboard, so an act
 * shows here a moment after it is made.
 */
@RestController
class LeaderboardController {

    private final QueryGateway queries;

    LeaderboardController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/web/leaderboard")
    List<ActiveBunnyView> leaderboard(Member member,
                                      @RequestParam(defaultValue = "10") @Min(value = 1, message = "must be at least 1")
                                      @Max(value = 50, message = "must be at most 50") int limit) {
        return queries.query(new FindMostActiveBunnies(limit), ResponseTypes.multipleInstancesOf(ActiveBunnyView.class))
                .join();
    }
}
