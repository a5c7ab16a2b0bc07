package org.bunnybook.api.session;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/**
 * A member logged in: a session begins, holding its first refresh token.
 *
 * @param device what the client calls itself (from its User-Agent, shortened), shown in the member's session list
 */
@ReflectedIn(ReadModels.SESSIONS)
public record StartSession(@TargetAggregateIdentifier UUID sessionId, UUID profileId, UUID refreshTokenId,
                           String device) {
}
