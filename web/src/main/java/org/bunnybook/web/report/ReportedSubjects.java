package org.bunnybook.web.report;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.chat.ChatMessageView;
import org.bunnybook.api.chat.FindChatMessage;
import org.bunnybook.api.chat.FindConversationMembers;
import org.bunnybook.api.chat.FindMemberConversations;
import org.bunnybook.api.post.CommentView;
import org.bunnybook.api.post.FindComment;
import org.bunnybook.api.post.FindPost;
import org.bunnybook.api.post.PostLookup;
import org.bunnybook.api.post.PostView;
import org.bunnybook.api.report.ReportedSubject;
import org.bunnybook.api.report.SubjectType;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * A subject as the reporter sees it, which is what a report keeps: a member may report only what they can see, by the
 * rules of its own route (a post or comment of a FRIENDS post, its wall's owner and their friends; a chat message, the
 * members of its conversation; a profile, anyone). 404 for a subject that does not exist, 403 for one not for them.
 */
@Component
class ReportedSubjects {

    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;

    ReportedSubjects(QueryGateway queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    ReportedSubject asSeenBy(UUID reporter, SubjectType type, UUID id) {
        return switch (type) {
            case POST -> {
                PostView post = visiblePost(id, reporter);
                yield new ReportedSubject(type, id, null, post.profileId(), post.username(), post.content());
            }
            case COMMENT -> {
                CommentView comment = queries.query(new FindComment(id),
                        ResponseTypes.optionalInstanceOf(CommentView.class)).join().orElseThrow(ApiException::notFound);
                visiblePost(comment.postId(), reporter);
                yield new ReportedSubject(type, id, comment.postId(), comment.profileId(), comment.username(),
                        comment.content());
            }
            case MESSAGE -> {
                ChatMessageView message = storedMessage(id, reporter);
                if (!queries.query(new FindConversationMembers(message.chatGroupId(), false),
                        ResponseTypes.multipleInstancesOf(UUID.class)).join().contains(reporter)) {
                    throw ApiException.forbidden();
                }
                yield new ReportedSubject(type, id, message.chatGroupId(), message.fromProfileId(),
                        message.fromProfileUsername(), message.content());
            }
            case PROFILE -> {
                AccountView account = queries.query(new FindAccountById(id),
                        ResponseTypes.optionalInstanceOf(AccountView.class)).join()
                        .orElseThrow(ApiException::notFound);
                yield new ReportedSubject(type, id, null, id, account.username(), account.username());
            }
        };
    }

    /**
     * A message is pushed as soon as it is stored, up to about a tenth of a second before the conversations have it:
     * one not found may be one the reporter was just shown, so it is looked for again once the reporter's conversations
     * have everything stored in them so far (as reading their history waits).
     */
    private ChatMessageView storedMessage(UUID id, UUID reporter) {
        Optional<ChatMessageView> found = findMessage(id);
        if (found.isPresent()) {
            return found.get();
        }
        queries.query(new FindMemberConversations(reporter), ResponseTypes.multipleInstancesOf(UUID.class)).join()
                .forEach(chat -> readYourWrites.awaitAggregate(chat.toString(), ReadModels.CONVERSATIONS));
        return findMessage(id).orElseThrow(ApiException::notFound);
    }

    private Optional<ChatMessageView> findMessage(UUID id) {
        return queries.query(new FindChatMessage(id), ResponseTypes.optionalInstanceOf(ChatMessageView.class)).join();
    }

    private PostView visiblePost(UUID id, UUID viewer) {
        PostLookup lookup = queries.query(new FindPost(id, viewer), ResponseTypes.instanceOf(PostLookup.class)).join();
        return switch (lookup.outcome()) {
            case VISIBLE -> lookup.post();
            case HIDDEN -> throw ApiException.forbidden();
            case NOT_FOUND -> throw ApiException.notFound();
        };
    }
}
