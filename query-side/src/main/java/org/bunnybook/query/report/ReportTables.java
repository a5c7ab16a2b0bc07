package org.bunnybook.query.report;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.projection.OwnedTables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every table of the reports read model (ReportProjection), so that a rebuild builds them beside the live ones while
 * staff read those.
 */
@Configuration(proxyBeanMethods = false)
class ReportTables {

    @Bean
    OwnedTables reportOwnedTables() {
        return OwnedTables.of(ReadModels.REPORTS, "reports", "hidden_subjects");
    }
}
