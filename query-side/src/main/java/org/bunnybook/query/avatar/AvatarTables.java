package org.bunnybook.query.avatar;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.projection.OwnedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every table of the avatars read model (AvatarProjection), so that a rebuild builds them beside the live ones
 * while members read those.
 */
@Configuration(proxyBeanMethods = false)
class AvatarTables {

    @Bean
    OwnedTables avatarOwnedTables() {
        return OwnedTables.of(ReadModels.AVATARS, "avatars");
    }
}
