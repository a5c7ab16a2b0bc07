package org.bunnybook.web.leaderboard;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.leaderboard.ActiveBunnyView;
import org.bunnybook.api.leaderboard.FindMostActiveBunnies;
import org.bunnybook.query.testing.Bunny;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The leaderboard seen through the query bus, narrowed to some bunnies: every other test's members share it. */
final class LeaderboardEntries {

    private LeaderboardEntries() {
    }

    /** The whole board, in its order, with only {@code bunnies} left in. */
    static List<ActiveBunnyView> of(QueryGateway queries, List<Bunny> bunnies) {
        Set<UUID> ids = bunnies.stream().map(Bunny::id).collect(Collectors.toSet());
        return queries.query(new FindMostActiveBunnies(100_000),
                        ResponseTypes.multipleInstancesOf(ActiveBunnyView.class))
                .join().stream().filter(entry -> ids.contains(entry.profileId())).toList();
    }
}
