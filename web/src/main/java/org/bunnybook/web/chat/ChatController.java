package org.bunnybook.web.chat;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.chat.ChatMessageView;
import org.bunnybook.api.chat.ConversationView;
import org.bunnybook.api.chat.FindConversationMembers;
import org.bunnybook.api.chat.FindConversations;
import org.bunnybook.api.chat.FindMessages;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.Member;
import org.bunnybook.web.paging.PageParams;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Chat history and the conversation list; messages themselves are sent over the WebSocket. */
@RestController
class ChatController {

    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;

    ChatController(QueryGateway queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    /** Members only (403 otherwise, also for a conversation that does not exist: nothing to learn from it). */
    @GetMapping("/web/chat/{chatGroupId}/messages")
    List<ChatMessageView> messages(Member member, @PathVariable UUID chatGroupId,
                                   @ParameterObject PageParams page) {
        if (!queries.query(new FindConversationMembers(chatGroupId, false), ResponseTypes.multipleInstancesOf(UUID.class))
                .join().contains(member.profileId())) {
            throw ApiException.forbidden();
        }
        // a message is pushed as soon as it is stored, up to about a tenth of a second before its history has it:
        // whoever saw the push and asks the history finds it there
        readYourWrites.awaitAggregate(chatGroupId.toString(), ReadModels.CONVERSATIONS);
        return queries.query(new FindMessages(chatGroupId, page.orDefaultLimit(20)),
                ResponseTypes.multipleInstancesOf(ChatMessageView.class)).join();
    }

    @GetMapping("/web/profiles/{me}/conversations")
    List<ConversationView> conversations(Member member, @PathVariable UUID me,
                                         @ParameterObject PageParams page) {
        member.mustBe(me);
        return queries.query(new FindConversations(me, page.orDefaultLimit(20)),
                ResponseTypes.multipleInstancesOf(ConversationView.class)).join();
    }
}
