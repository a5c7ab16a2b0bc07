package org.bunnybook.query.wall;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.bunnybook.query.cache.GenerationalCache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;

/**
 * Single posts, filed under the post's generation (moved on by every comment, like, unlike and the deletion), and
 * wall pages as lists of post ids, filed under the wall's generation (moved on by every post written on or deleted
 * from it). A wall page holds ids only, so a new like does not retire the pages that show the post.
 */
@Configuration(proxyBeanMethods = false)
class WallCaches {

    static final String POSTS = "posts";
    static final String WALLS = "walls";

    @Bean
    @Qualifier(POSTS)
    GenerationalCache postCache(StringRedisTemplate redis, ObjectMapper json, MeterRegistry meters) {
        return new GenerationalCache(POSTS, Duration.ofMinutes(10), redis, json, meters);
    }

    @Bean
    @Qualifier(WALLS)
    GenerationalCache wallPageCache(StringRedisTemplate redis, ObjectMapper json, MeterRegistry meters) {
        return new GenerationalCache(WALLS, Duration.ofMinutes(2), redis, json, meters);
    }
}
