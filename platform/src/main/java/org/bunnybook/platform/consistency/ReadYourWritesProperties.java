package org.bunnybook.platform.consistency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param timeout the longest a command request waits for its read models before answering anyway
 */
@ConfigurationProperties("bunnybook.read-your-writes")
record ReadYourWritesProperties(@DefaultValue("5s") Duration timeout) {
}
