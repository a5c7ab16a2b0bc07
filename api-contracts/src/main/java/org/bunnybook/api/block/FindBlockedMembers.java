package org.bunnybook.api.block;

import java.util.UUID;

/** The members {@code blockerId} blocks, most recently blocked first; answered with {@link BlockedMember}s. */
public record FindBlockedMembers(UUID blockerId) {
}
