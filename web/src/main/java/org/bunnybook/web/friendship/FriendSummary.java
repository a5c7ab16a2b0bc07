package org.bunnybook.web.friendship;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.chat.ChatGroupId;

import java.util.UUID;

/**
 * A friend as listed. A member reading their own friends also gets the pair's {@code chatGroupId}, which the chat
 * panel opens a conversation with; everyone else sees the Bunnybook shape, {@code {id, username}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FriendSummary(UUID id, String username, UUID chatGroupId) {

    static FriendSummary of(ProfileSummary friend) {
        return new FriendSummary(friend.id(), friend.username(), null);
    }

    static FriendSummary ofMine(UUID me, ProfileSummary friend) {
        return new FriendSummary(friend.id(), friend.username(), ChatGroupId.of(me, friend.id()));
    }
}
