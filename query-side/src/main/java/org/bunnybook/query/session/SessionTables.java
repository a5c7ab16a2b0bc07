package org.bunnybook.query.session;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.projection.OwnedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sessions read model's table, so that a rebuild builds it beside the live one while members read that. */
@Configuration(proxyBeanMethods = false)
class SessionTables {

    @Bean
    OwnedTables sessionOwnedTables() {
        return OwnedTables.of(ReadModels.SESSIONS, "sessions");
    }
}
