package org.bunnybook.api.session;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record SessionStarted(UUID sessionId, UUID profileId, UUID refreshTokenId) {
}
