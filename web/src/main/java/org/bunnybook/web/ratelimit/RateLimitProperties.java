package org.bunnybook.web.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Requests allowed per client address per minute, per action. */
@ConfigurationProperties("bunnybook.rate-limit")
record RateLimitProperties(@DefaultValue("10") int registerPerMinute, @DefaultValue("20") int loginPerMinute) {
}
