package org.bunnybook.api.chat;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** Staff hid the message after a report: it is gone from the conversation's history for both members. */
@Revision("1")
public record MessageHidden(UUID chatGroupId, UUID messageId, UUID reportId, UUID hiddenBy) {
}
