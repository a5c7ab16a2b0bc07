package org.bunnybook.api.block;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/**
 * {@code blockerId} blocked {@code blockedId}. Recorded on the pair's friendship aggregate after whatever the block
 * ended ({@code Unfriended}, {@code FriendRequestCancelled}). Carries ids only: readers take usernames from the
 * accounts, so the event itself holds nothing personal.
 */
@Revision("1")
public record MemberBlocked(String friendshipId, UUID blockerId, UUID blockedId) {
}
