package org.bunnybook.api.block;

import java.time.Instant;
import java.util.UUID;

/** A member one blocks, as one's list of blocks shows them. */
public record BlockedMember(UUID id, String username, Instant blockedAt) {
}
