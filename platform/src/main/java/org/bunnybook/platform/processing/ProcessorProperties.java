package org.bunnybook.platform.processing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How read models are processed.
 *
 * @param initialSegmentCount segments a processing group is split into when first started; the unit of sharing
 *                            work between nodes
 * @param batchSize           events handled per transaction, at most: a live group's batches hold what has arrived,
 *                            usually a few events; a replay's are full, and each costs a commit (an fsync), a
 *                            token update, a look at the dead-letter queue and the cache holds, so 200 rather than
 *                            50 made a rebuild markedly faster (docs/performance.md)
 */
@ConfigurationProperties("bunnybook.processors")
record ProcessorProperties(@DefaultValue("2") int initialSegmentCount, @DefaultValue("200") int batchSize) {
}
