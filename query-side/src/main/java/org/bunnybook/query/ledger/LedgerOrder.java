package org.bunnybook.query.ledger;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.processing.StrictlyOrderedGroup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the ledger's processing group runs: a hash chain has one order, so one segment, from the very first event, and
 * nothing parked (an event left out would break the chain).
 */
@Configuration(proxyBeanMethods = false)
class LedgerOrder {

    @Bean
    StrictlyOrderedGroup ledgerProcessing() {
        return new StrictlyOrderedGroup(ReadModels.LEDGER);
    }
}
