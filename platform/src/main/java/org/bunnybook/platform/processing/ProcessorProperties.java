package org.bunnybook.platform.processing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How read models are processed.
 *
 * @param initialSegmentCount segments a processing group is split into when first started; the unit of sharing
 *                            work between nodes
 * @param batchSize           events handled per transaction
 */
@ConfigurationProperties("bunnybook.processors")
record ProcessorProperties(@DefaultValue("2") int initialSegmentCount, @DefaultValue("50") int batchSize) {
}
