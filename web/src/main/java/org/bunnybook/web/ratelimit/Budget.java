package org.bunnybook.web.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

import java.time.Duration;

/**
 * So many requests per period for one key (a member, or a client address): a token bucket that holds
 * {@code requests} and refills them evenly over the period, so a spent budget comes back bit by bit, not all at once.
 */
record Budget(int requests, Duration period) {

    Budget {
        if (requests <= 0 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a budget needs requests > 0 and a positive period");
        }
    }

    Bandwidth bandwidth() {
        return Bandwidth.builder().capacity(requests).refillGreedy(requests, period).build();
    }

    BucketConfiguration bucket() {
        return BucketConfiguration.builder().addLimit(bandwidth()).build();
    }

    /**
     * Part of the bucket's key: a bucket keeps the configuration it was created with, so a budget changed by a new
     * deployment (or a node configured otherwise) counts in a bucket of its own instead of inheriting the old one.
     */
    String fingerprint() {
        return requests + "/" + period.toMillis() + "ms";
    }
}
