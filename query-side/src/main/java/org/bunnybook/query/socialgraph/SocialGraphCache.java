package org.bunnybook.query.socialgraph;

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
 * Answers about members' friendships cached in Redis, filed under the generations of the members they are about:
 * the projection moves a member's generation on after every change to their friendships.
 */
@Configuration(proxyBeanMethods = false)
class SocialGraphCache {

    static final String NAME = "friendships";

    @Bean
    @Qualifier(NAME)
    GenerationalCache friendshipCache(StringRedisTemplate redis, RedisCircuit circuit, OwedRetirements owed, ObjectMapper json,
                                  MeterRegistry meters) {
        return new GenerationalCache(NAME, Duration.ofSeconds(60), redis, circuit, owed, json, meters);
    }
}
