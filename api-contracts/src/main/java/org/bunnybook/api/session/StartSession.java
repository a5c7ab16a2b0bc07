package org.bunnybook.api.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** A member logged in: a session begins, holding its first refresh token. */
public record StartSession(@TargetAggregateIdentifier UUID sessionId, UUID profileId, UUID refreshTokenId) {
}
