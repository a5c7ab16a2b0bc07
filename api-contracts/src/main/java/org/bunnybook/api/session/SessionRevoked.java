package org.bunnybook.api.session;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record SessionRevoked(UUID sessionId, UUID profileId, RevocationReason reason) {
}
