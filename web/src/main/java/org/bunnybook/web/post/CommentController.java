package org.bunnybook.web.post;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.post.CommentView;
import org.bunnybook.api.post.DeleteComment;
import org.bunnybook.api.post.EditComment;
import org.bunnybook.api.post.FindComment;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.security.Member;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * A comment by its own id: edited by its author, deleted by its author, the post's author or the wall's owner. The
 * {@code Post} aggregate the comment belongs to decides (403 {@code NotAllowedOnPost}, 404 {@code CommentNotFound});
 * the walls read model only says which post that is.
 */
@RestController
class CommentController {

    private final ReadYourWrites commands;
    private final QueryGateway queries;

    CommentController(ReadYourWrites commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PatchMapping("/web/comments/{id}")
    @Operation(summary = "Changes what a comment says (its author only); answers the comment with its editedAt")
    CommentView edit(Member member, @PathVariable UUID id, @Valid @RequestBody CommentRequest request) {
        CommentView comment = existing(id);
        commands.send(new EditComment(comment.postId(), id, member.profileId(), request.content()));
        // as after commenting: stored either way, even if the walls cannot show it yet
        return queries.query(new FindComment(id), ResponseTypes.optionalInstanceOf(CommentView.class)).join()
                .orElseThrow(ApiException::notFound);
    }

    @DeleteMapping("/web/comments/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Deletes a comment (its author, the post's author or the wall's owner)")
    void delete(Member member, @PathVariable UUID id) {
        commands.send(new DeleteComment(existing(id).postId(), id, member.profileId()));
    }

    private CommentView existing(UUID id) {
        return queries.query(new FindComment(id), ResponseTypes.optionalInstanceOf(CommentView.class)).join()
                .orElseThrow(ApiException::notFound);
    }
}
