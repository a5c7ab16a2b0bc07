package org.bunnybook.query.socialgraph;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.processing.SingleSegmentGroup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The social graph runs on one segment: its events are sequenced per friendship, but each one merges both members'
 * nodes, so two segments took the same index-entry locks in Neo4j in different orders and deadlocked under load
 * (a rolled-back batch and a back-off each time: the ingest benchmark's one group over 1 s of lag at 100
 * commands/s; docs/performance.md).
 */
@Configuration(proxyBeanMethods = false)
class SocialGraphSegments {

    @Bean
    SingleSegmentGroup socialGraphProcessing() {
        return new SingleSegmentGroup(ReadModels.SOCIAL_GRAPH);
    }
}
