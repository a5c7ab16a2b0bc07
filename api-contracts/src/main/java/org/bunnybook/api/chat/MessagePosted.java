package org.bunnybook.api.chat;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.PersonalData;
import org.bunnybook.api.PersonalData.Erased;

import java.util.UUID;

/** A message stored in a conversation; sending it also marks the conversation read for its sender. */
@Revision("1")
public record MessagePosted(UUID chatGroupId, UUID messageId, UUID fromId,
                            @PersonalData(subject = "fromId", erasedAs = Erased.MEMBER) String fromUsername,
                            @PersonalData(subject = "fromId") String content, String clientMessageId) {
}
