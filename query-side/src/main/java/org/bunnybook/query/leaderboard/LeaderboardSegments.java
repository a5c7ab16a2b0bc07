package org.bunnybook.query.leaderboard;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.processing.SingleSegmentGroup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The leaderboard runs on one segment: its events are sequenced per post, but every one of them moves a member's
 * counts, so two segments locked the same member rows in different orders and deadlocked under load (a rolled-back
 * batch and a back-off each time; docs/performance.md).
 */
@Configuration(proxyBeanMethods = false)
class LeaderboardSegments {

    @Bean
    SingleSegmentGroup leaderboardProcessing() {
        return new SingleSegmentGroup(ReadModels.LEADERBOARD);
    }
}
