package org.bunnybook.query.leaderboard;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.projection.OwnedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every table of the leaderboard read model (LeaderboardProjection), so that a rebuild builds them beside the live
 * ones while members read those.
 */
@Configuration(proxyBeanMethods = false)
class LeaderboardTables {

    @Bean
    OwnedTables leaderboardOwnedTables() {
        return OwnedTables.of(ReadModels.LEADERBOARD, "leaderboard_members", "leaderboard_acts");
    }
}
