package org.bunnybook.api.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Exchanges the presented refresh token for a new one. Answers a {@link RotationOutcome}; only
 * {@link RotationOutcome#ROTATED} means the new token is valid. The policy travels with the command so that the
 * aggregate decides without reading configuration or clocks:
 *
 * @param at               when the token was presented
 * @param absoluteLifetime how long a session may last at most, however often it is refreshed
 * @param grace            how long after a rotation the token it replaced may be presented again, as a client
 *                         whose answer was lost would, and be answered with another rotation instead of being
 *                         taken for a stolen token
 */
@ReflectedIn(ReadModels.SESSIONS)
public record RotateRefreshToken(@TargetAggregateIdentifier UUID sessionId, UUID presentedTokenId, UUID newTokenId,
                                 Instant at, Duration absoluteLifetime, Duration grace) {
}
