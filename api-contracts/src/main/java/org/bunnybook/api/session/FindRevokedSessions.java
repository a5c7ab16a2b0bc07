package org.bunnybook.api.session;

import java.time.Duration;

/**
 * The ids of the sessions revoked within {@code within} before now, by the database's clock (one for all nodes):
 * what every node polls to refuse their access tokens.
 */
public record FindRevokedSessions(Duration within) {
}
