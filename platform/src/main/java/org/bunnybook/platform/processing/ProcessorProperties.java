package org.bunnybook.platform.processing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How read models are processed.
 *
 * @param initialSegmentCount segments a processing group is split into when first started; the unit of sharing
 *                            work between nodes
 * @param batchSize           events handled per transaction, at most: a live group's batches hold what has arrived,
 *                            usually a few events; a replay's are full, and each costs a commit (an fsync), a
 *                            token update, a look at the dead-letter queue and the cache holds, so 200 rather than
 *                            50 made a rebuild markedly faster (docs/performance.md)
 * @param poolSize            connections the processors may hold at once ({@link ProjectionConnections}): a batch of
 *                            each segment (23: ten groups on two segments, three on one), each group's stream
 *                            reading the event store (13), a rebuild's processor beside them (its segments' batches
 *                            and its stream's reads, up to 5), some claims, and the node's look for erased members'
 *                            keys every {@code bunnybook.privacy.key-cache-ttl}
 * @param unawaitedDelay      how long events committed here may wait before they reach the processors no request
 *                            is waiting for ({@link AwaitedGroups}); what arrives meanwhile is handled in one batch,
 *                            so under load such a group commits about a batch a segment per delay instead of one
 *                            per command (docs/performance.md); zero tells every processor of every commit at once
 */
@ConfigurationProperties("bunnybook.processors")
public record ProcessorProperties(@DefaultValue("2") int initialSegmentCount, @DefaultValue("200") int batchSize,
                                  @DefaultValue("48") int poolSize,
                                  @DefaultValue("100ms") Duration unawaitedDelay) {

    public ProcessorProperties {
        if (unawaitedDelay.isNegative()) {
            throw new IllegalArgumentException("bunnybook.processors.unawaited-delay must not be negative");
        }
    }
}
