package org.bunnybook.query.wall;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.bunnybook.platform.redis.RedisCircuit;
import org.bunnybook.query.cache.GenerationalCache;
import org.bunnybook.query.cache.OwedRetirements;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;

/**
 * The generations of single posts, moved on by every comment, like, unlike and the deletion (see {@link CachedPosts}
 * for what is filed under them). Wall pages are not cached: PostgreSQL answers a wall page from its index faster than
 * the cache did (docs/performance.md, "Feeds and walls").
 */
@Configuration(proxyBeanMethods = false)
class WallCaches {

    static final String POSTS = "posts";
    static final Duration POSTS_TIME_TO_LIVE = Duration.ofMinutes(10);

    @Bean
    @Qualifier(POSTS)
    GenerationalCache postCache(StringRedisTemplate redis, RedisCircuit circuit, OwedRetirements owed, ObjectMapper json,
                                  MeterRegistry meters) {
        return new GenerationalCache(POSTS, POSTS_TIME_TO_LIVE, redis, circuit, owed, json, meters);
    }
}
