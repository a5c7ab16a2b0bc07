package org.bunnybook.web.chat;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.chat.ChatMessageView;
import org.bunnybook.api.chat.ConversationView;
import org.bunnybook.api.chat.FindConversationMembers;
import org.bunnybook.api.chat.FindConversations;
import org.bunnybook.api.chat.FindMessages;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.Member;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Chat history and the conversation list; messages themselves are sent over the WebSocket. */
@RestController
class ChatController {

    private final QueryGateway queries;

    ChatController(QueryGateway queries) {
        this.queries = queries;
    }

    /** Members only (403 otherwise, also for a conversation that does not exist: nothing to learn from it). */
    @GetMapping("/web/chat/{chatGroupId}/messages")
    List<ChatMessageView> messages(Member member, @PathVariable UUID chatGroupId,
                                   @RequestParam(name = "older_than", required = false)
                                   @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant olderThan,
                                   @RequestParam(name = "older_than_id", required = false) UUID olderThanId,
                                   @RequestParam(defaultValue = "20") @Min(value = 1, message = "must be at least 1")
                                   @Max(value = 20, message = "must be at most 20") int limit) {
        if (!queries.query(new FindConversationMembers(chatGroupId, false), ResponseTypes.multipleInstancesOf(UUID.class))
                .join().contains(member.profileId())) {
            throw ApiException.forbidden();
        }
        return queries.query(new FindMessages(chatGroupId, new PageAfter(olderThan, olderThanId, limit)),
                ResponseTypes.multipleInstancesOf(ChatMessageView.class)).join();
    }

    @GetMapping("/web/profiles/{me}/conversations")
    List<ConversationView> conversations(Member member, @PathVariable UUID me,
                                         @RequestParam(name = "older_than", required = false)
                                         @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant olderThan,
                                         @RequestParam(name = "older_than_id", required = false) UUID olderThanId,
                                         @RequestParam(defaultValue = "20") @Min(value = 1, message = "must be at least 1")
                                         @Max(value = 20, message = "must be at most 20") int limit) {
        member.mustBe(me);
        return queries.query(new FindConversations(me, new PageAfter(olderThan, olderThanId, limit)),
                ResponseTypes.multipleInstancesOf(ConversationView.class)).join();
    }
}
