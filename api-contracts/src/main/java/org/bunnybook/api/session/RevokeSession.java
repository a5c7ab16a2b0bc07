package org.bunnybook.api.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Ends a session, e.g. at logout. Revoking an ended session changes nothing. */
@ReflectedIn(ReadModels.SESSIONS)
public record RevokeSession(@TargetAggregateIdentifier UUID sessionId, RevocationReason reason) {
}
