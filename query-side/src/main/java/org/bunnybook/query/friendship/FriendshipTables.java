package org.bunnybook.query.friendship;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.projection.OwnedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every table of the friendships read model (FriendshipProjection, and the block package's BlockProjection), so
 * that a rebuild builds them beside the live ones while members read those.
 */
@Configuration(proxyBeanMethods = false)
class FriendshipTables {

    @Bean
    OwnedTables friendshipOwnedTables() {
        return OwnedTables.of(ReadModels.FRIENDSHIPS, "friendships", "member_blocks");
    }
}
