package org.bunnybook.web.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import org.bunnybook.web.error.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Fixed one-minute windows counted in Redis, so every node shares one count per client address. If Redis is down
 * the request is let through: losing the limit for a while beats locking every member out.
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final StringRedisTemplate redis;
    private final RateLimitProperties limits;
    private final Clock clock;

    RateLimiter(StringRedisTemplate redis, RateLimitProperties limits, Clock clock) {
        this.redis = redis;
        this.limits = limits;
        this.clock = clock;
    }

    /** Throws 429 when this client has registered too often this minute. */
    public void registering(HttpServletRequest request) {
        check("register", request.getRemoteAddr(), limits.registerPerMinute());
    }

    /** Throws 429 when this client has tried to log in too often this minute. */
    public void loggingIn(HttpServletRequest request) {
        check("login", request.getRemoteAddr(), limits.loginPerMinute());
    }

    private void check(String action, String client, int perMinute) {
        long minute = clock.millis() / 60_000;
        String key = "rate:" + action + ":" + client + ":" + minute;
        Long count;
        try {
            count = redis.opsForValue().increment(key);
            if (count != null && count == 1) {
                redis.expire(key, Duration.ofSeconds(61));
            }
        } catch (RuntimeException e) {
            log.warn("rate limit for {} not enforced, Redis unavailable: {}", action, e.getMessage());
            return;
        }
        if (count != null && count > perMinute) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS);
        }
    }
}
