package org.bunnybook.api.session;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record RefreshTokenRotated(UUID sessionId, UUID profileId, UUID previousTokenId, UUID refreshTokenId) {
}
