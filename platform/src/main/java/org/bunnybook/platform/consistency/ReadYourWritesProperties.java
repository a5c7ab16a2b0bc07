package org.bunnybook.platform.consistency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param timeout the longest a command request waits for its read models before answering anyway
 * @param stall   how long a read model may go without moving any of its tokens before a request stops waiting for
 *                it (it is down or stuck: waiting longer would only hold a server thread); longer than a group takes to
 *                recover from one failed batch (a rollback and Axon's back-off, a second or two)
 */
@ConfigurationProperties("bunnybook.read-your-writes")
record ReadYourWritesProperties(@DefaultValue("5s") Duration timeout, @DefaultValue("3s") Duration stall) {
}
