package org.bunnybook.api.chat;

import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.UUID;

/**
 * A conversation was opened for its members. Revision 2 lists the members, so that a conversation of more than two
 * can be told with the same event; revision 1 named exactly two ({@code oneId, oneUsername, otherId,
 * otherUsername}) and is upcast to this shape when read.
 */
@Revision("2")
public record ConversationOpened(UUID chatGroupId, List<ChatMember> members) {
}
