package org.bunnybook.api.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Exchanges the presented refresh token for a new one. Answers a {@link RotationOutcome}; only
 * {@link RotationOutcome#ROTATED} means the new token is valid.
 */
public record RotateRefreshToken(@TargetAggregateIdentifier UUID sessionId, UUID presentedTokenId, UUID newTokenId) {
}
