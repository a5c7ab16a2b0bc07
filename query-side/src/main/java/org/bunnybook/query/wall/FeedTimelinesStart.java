package org.bunnybook.query.wall;

import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bunnybook.api.ReadModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Tells apart the feed-cache projection's first start (no tokens yet: it will build every timeline from the start of
 * history, so they can be trusted) from Redis having lost timelines the projection had built (tokens, but no marker:
 * feeds are read from PostgreSQL until the projection is rebuilt). Runs before the event processors start, and waits
 * a little for a Redis that does not answer yet: once the processors have made their tokens, a first start can no
 * longer be told apart, and every feed would be read from PostgreSQL until a rebuild.
 */
@Component
class FeedTimelinesStart implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FeedTimelinesStart.class);
    private static final int ATTEMPTS = 10;
    private static final long PAUSE_MILLIS = 1000;

    private final TokenStore tokens;
    private final FeedTimelines timelines;

    FeedTimelinesStart(TokenStore tokens, FeedTimelines timelines) {
        this.tokens = tokens;
        this.timelines = timelines;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                check();
                return;
            } catch (RuntimeException e) {
                log.warn("could not check the feed timelines (attempt {} of {}; feeds are read from PostgreSQL "
                        + "meanwhile): {}", attempt, ATTEMPTS, e.getMessage());
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void check() {
        FeedTimelines.Kept kept = timelines.kept();
        if (kept.timelines()) {
            if (!kept.blocks()) {
                log.info("the feed timelines were built before they kept the members' blocks: feed pages ask "
                        + "PostgreSQL for the reader's blocks until the {} projection is rebuilt", ReadModels.FEED_CACHE);
            }
            return;
        }
        if (tokens.fetchSegments(ReadModels.FEED_CACHE).length == 0) {
            timelines.start();
        } else {
            log.error("Redis has lost the feed timelines: feeds are read from PostgreSQL until the {} projection "
                    + "is rebuilt", ReadModels.FEED_CACHE);
        }
    }
}
