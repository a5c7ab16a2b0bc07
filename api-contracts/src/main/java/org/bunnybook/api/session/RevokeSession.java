package org.bunnybook.api.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** Ends a session, e.g. at logout. Revoking an ended session changes nothing. */
public record RevokeSession(@TargetAggregateIdentifier UUID sessionId, RevocationReason reason) {
}
