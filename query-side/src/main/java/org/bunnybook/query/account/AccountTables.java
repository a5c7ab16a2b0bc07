package org.bunnybook.query.account;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.projection.OwnedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every table of the accounts read model (AccountProjection), so that a rebuild builds them beside the live ones
 * while members read those.
 */
@Configuration(proxyBeanMethods = false)
class AccountTables {

    @Bean
    OwnedTables accountOwnedTables() {
        return OwnedTables.of(ReadModels.ACCOUNTS, "accounts");
    }
}
