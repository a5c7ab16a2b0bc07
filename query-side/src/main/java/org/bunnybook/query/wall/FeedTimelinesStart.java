package org.bunnybook.query.wall;

import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bunnybook.api.ReadModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells apart the feed-cache projection's first start (no tokens yet: it will build every timeline from the start of
 * history, so they can be trusted) from Redis having lost timelines the projection had built (tokens, but no marker:
 * feeds are read from PostgreSQL until the projection is rebuilt). Runs before the event processors start.
 */
@Component
class FeedTimelinesStart implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FeedTimelinesStart.class);

    private final TokenStore tokens;
    private final FeedTimelines timelines;
    private final StringRedisTemplate redis;

    FeedTimelinesStart(TokenStore tokens, FeedTimelines timelines, StringRedisTemplate redis) {
        this.tokens = tokens;
        this.timelines = timelines;
        this.redis = redis;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            if (Boolean.TRUE.equals(redis.hasKey(FeedTimelines.MARKER))) {
                return;
            }
            if (tokens.fetchSegments(ReadModels.FEED_CACHE).length == 0) {
                timelines.start();
            } else {
                log.error("Redis has lost the feed timelines: feeds are read from PostgreSQL until the {} projection "
                        + "is rebuilt", ReadModels.FEED_CACHE);
            }
        } catch (RuntimeException e) {
            log.warn("could not check the feed timelines (feeds are read from PostgreSQL meanwhile): {}",
                    e.getMessage());
        }
    }
}
