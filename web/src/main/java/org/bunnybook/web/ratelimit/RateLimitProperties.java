package org.bunnybook.web.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * The abuse limits' settings. The plans themselves, which routes each covers and its default budgets, are in
 * {@link LimitPlans}; {@code plans.<name>.*} overrides a plan's defaults one setting at a time.
 *
 * @param enabled            off: no request is ever limited (benchmarks)
 * @param redisTimeout       how long a request waits for Redis before it is counted on this node instead
 * @param localBuckets       how many buckets a node keeps: copies of what Redis last said of each, counted on while
 *                           it counts alone (the least recently used go first)
 * @param plans              per plan name: overrides of its defaults
 */
@ConfigurationProperties("bunnybook.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean enabled,
                           @DefaultValue("200ms") Duration redisTimeout,
                           @DefaultValue("100000") long localBuckets,
                           Map<String, PlanSettings> plans) {

    RateLimitProperties {
        plans = plans == null ? Map.of() : Map.copyOf(plans);
    }

    /**
     * One plan's overrides; what is not given keeps the plan's default.
     *
     * @param enabled    off: the plan's routes are not limited
     * @param perAccount requests one member may make per period (0: not limited per member)
     * @param perAddress requests one client address may make per period (0: not limited per address)
     * @param period     the period the budgets are for; a spent budget comes back evenly over it
     */
    record PlanSettings(Boolean enabled, Integer perAccount, Integer perAddress, Duration period) {
    }
}
