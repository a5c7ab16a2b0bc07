package org.bunnybook.api.friendship;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** The friendship between the two ended; {@code byId} is the one who ended it. */
@Revision("1")
public record Unfriended(String friendshipId, UUID byId, String byUsername, UUID otherId, String otherUsername) {
}
