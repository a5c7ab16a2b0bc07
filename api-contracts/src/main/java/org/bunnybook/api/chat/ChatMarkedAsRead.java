package org.bunnybook.api.chat;

import org.axonframework.serialization.Revision;

import java.util.UUID;

@Revision("1")
public record ChatMarkedAsRead(UUID chatGroupId, UUID profileId, UUID messageId) {
}
