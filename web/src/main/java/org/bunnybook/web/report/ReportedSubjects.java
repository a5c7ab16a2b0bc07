package org.bunnybook.web.report;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.AccountView;
import org.bunnybook.api.account.FindAccountById;
import org.bunnybook.api.chat.ChatMessageView;
import org.bunnybook.api.chat.FindChatMessage;
import org.bunnybook.api.chat.FindConversationMembers;
import org.bunnybook.api.post.CommentView;
import org.bunnybook.api.post.FindComment;
import org.bunnybook.api.post.FindPost;
import org.bunnybook.api.post.PostLookup;
import org.bunnybook.api.post.PostView;
import org.bunnybook.api.report.ReportedSubject;
import org.bunnybook.api.report.SubjectType;
import org.bunnybook.web.error.ApiException;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * A subject as the reporter sees it, which is what a report keeps: a member may report only what they can see, by the
 * rules of its own route (a post or comment of a FRIENDS post, its wall's owner and their friends; a chat message, the
 * members of its conversation; a profile, anyone). 404 for a subject that does not exist, 403 for one not for them.
 */
@Component
class ReportedSubjects {

    private final QueryGateway queries;

    ReportedSubjects(QueryGateway queries) {
        this.queries = queries;
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
                ChatMessageView message = queries.query(new FindChatMessage(id),
                        ResponseTypes.optionalInstanceOf(ChatMessageView.class)).join()
                        .orElseThrow(ApiException::notFound);
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

    private PostView visiblePost(UUID id, UUID viewer) {
        PostLookup lookup = queries.query(new FindPost(id, viewer), ResponseTypes.instanceOf(PostLookup.class)).join();
        return switch (lookup.outcome()) {
            case VISIBLE -> lookup.post();
            case HIDDEN -> throw ApiException.forbidden();
            case NOT_FOUND -> throw ApiException.notFound();
        };
    }
}
