package org.bunnybook.api.block;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** {@code blockerId} lifted their block of {@code blockedId}. */
@Revision("1")
public record MemberUnblocked(String friendshipId, UUID blockerId, UUID blockedId) {
}
