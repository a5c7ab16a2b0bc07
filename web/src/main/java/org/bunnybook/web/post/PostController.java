package org.bunnybook.web.post;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.post.CommentIdTaken;
import org.bunnybook.api.post.CommentOnPost;
import org.bunnybook.api.post.CommentView;
import org.bunnybook.api.post.CreatePost;
import org.bunnybook.api.post.PostCommented;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.DeletePost;
import org.bunnybook.api.post.EditPost;
import org.bunnybook.api.post.FindComments;
import org.bunnybook.api.post.FindFeed;
import org.bunnybook.api.post.FindPost;
import org.bunnybook.api.post.FindWallPosts;
import org.bunnybook.api.post.LikePost;
import org.bunnybook.api.post.PostLookup;
import org.bunnybook.api.post.PostView;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.api.post.UnlikePost;
import org.bunnybook.platform.consistency.ReadYourWrites;
import org.bunnybook.platform.consistency.ReadYourWrites.Creation;
import org.bunnybook.platform.consistency.ReadYourWrites.Stored;
import org.bunnybook.web.error.ApiException;
import org.bunnybook.web.paging.PageParams;
import org.bunnybook.web.security.Member;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Posts on walls, their comments and likes, and the home feed. Reading a post, its wall page and its comments, and
 * commenting on or liking it, all follow one rule: a FRIENDS post is for its wall's owner and the owner's friends
 * only. Reads apply it through the walls read model; writes are decided by the command side (the {@code Post}
 * aggregate), against friendships as they are now, and refused there with {@code NotAllowedOnPost} (403).
 */
@RestController
class PostController {

    private final ReadYourWrites commands;
    private final QueryGateway queries;

    PostController(ReadYourWrites commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping("/web/posts")
    @ResponseStatus(HttpStatus.CREATED)
    PostView create(Member member, @Valid @RequestBody CreatePostRequest request,
                    @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        UUID wall = request.wallProfileId() == null ? member.profileId() : request.wallProfileId();
        UUID id = idempotencyKey == null ? UUID.randomUUID() : IdempotencyKey.postId(member.profileId(), idempotencyKey);
        CreatePost post = new CreatePost(id, member.profileId(), member.username(), wall,
                request.content(), request.privacy() == null ? Privacy.PUBLIC : request.privacy());
        // answered from the event it stored rather than read back: once the walls reflect it, they hold exactly this
        // (and if they cannot yet, being rebuilt or having parked it, it is stored all the same)
        Stored<PostCreated> created = idempotencyKey == null ? commands.send(post, PostCreated.class) : once(post);
        PostCreated event = created.event();
        Instant at = asTheWallsKeepIt(created.at());
        return new PostView(event.postId(), event.content(), at, at, event.wallProfileId(), event.authorId(),
                event.privacy(), 0, event.authorUsername(), 0, false, null);
    }

    /**
     * The post stored under the request's idempotency key: the one a request before this one stored (if it asked for
     * the same post), or else this one, stored now. Two requests with the key at once both send it; the event store
     * takes one, and the other is answered with it (once the gateway has given up sending it again, as it does for a
     * creation that lost a race: a few tenths of a second, for a case that needs two requests in flight at once).
     */
    private Stored<PostCreated> once(CreatePost post) {
        String id = post.postId().toString();
        Optional<Creation<PostCreated>> earlier = commands.creation(id, PostCreated.class);
        if (earlier.isEmpty()) {
            try {
                return commands.send(post, PostCreated.class);
            } catch (RuntimeException e) {
                if (ExceptionUtils.findException(e, AggregateStreamCreationException.class).isEmpty()) {
                    throw e;
                }
                earlier = commands.creation(id, PostCreated.class);
            }
        }
        Creation<PostCreated> first = earlier.filter(creation -> sameAsked(creation.event(), post)).orElseThrow(() ->
                ApiException.invalid("header", IdempotencyKey.HEADER, "was used for another post"));
        return commands.sentAgain(post, first);
    }

    private static boolean sameAsked(PostCreated stored, CreatePost asked) {
        return stored.authorId().equals(asked.authorId()) && stored.wallProfileId().equals(asked.wallProfileId())
                && stored.content().equals(asked.content()) && stored.privacy() == asked.privacy();
    }

    /** The walls keep times to the millisecond (as the API shows them). */
    private static Instant asTheWallsKeepIt(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    @GetMapping("/web/posts")
    List<PostView> wall(@Parameter(hidden = true) Optional<Member> member,
                        @RequestParam("wall_profile_id") UUID wallProfileId,
                        @ParameterObject PageParams page) {
        return queries.query(new FindWallPosts(wallProfileId, viewer(member), page.orDefaultLimit(10)),
                ResponseTypes.multipleInstancesOf(PostView.class)).join();
    }

    @GetMapping("/web/posts/{id}")
    PostView post(@Parameter(hidden = true) Optional<Member> member, @PathVariable UUID id) {
        return visiblePost(id, member);
    }

    @PatchMapping("/web/posts/{id}")
    @Operation(summary = "Changes what a post says (its author only); answers the post with its editedAt")
    ResponseEntity<PostView> edit(Member member, @PathVariable UUID id, @Valid @RequestBody EditPostRequest request) {
        commands.send(new EditPost(id, member.profileId(), request.content()));
        return changed(id, member);
    }

    @DeleteMapping("/web/posts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Member member, @PathVariable UUID id) {
        commands.send(new DeletePost(id, member.profileId()));
    }

    @PostMapping("/web/posts/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    CommentView comment(Member member, @PathVariable UUID id, @Valid @RequestBody CommentRequest request,
                        @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        UUID commentId = idempotencyKey == null ? UUID.randomUUID()
                : IdempotencyKey.commentId(member.profileId(), id, idempotencyKey);
        CommentOnPost comment = new CommentOnPost(id, commentId, member.profileId(), member.username(),
                request.content());
        Stored<PostCommented> stored = commented(comment);
        PostCommented event = stored.event();
        return new CommentView(event.commentId(), event.content(), asTheWallsKeepIt(stored.at()), event.postId(),
                event.authorId(), event.authorUsername(), null);
    }

    /**
     * The comment stored, refused if the post is gone (404) or not for this member (403); answered from its event, as a
     * new post is, or, sent again under its key, from the event that stored it (the post knows its latest comments).
     */
    private Stored<PostCommented> commented(CommentOnPost comment) {
        Stored<PostCommented> stored;
        try {
            stored = commands.send(comment, PostCommented.class);
        } catch (RuntimeException e) {
            if (ExceptionUtils.findException(e, CommentIdTaken.class).isEmpty()) {
                throw e;
            }
            throw ApiException.invalid("header", IdempotencyKey.HEADER,
                    "names a comment stored too long ago to be answered again");
        }
        if (!stored.event().content().equals(comment.content())) { // the comment's id names its author and post
            throw ApiException.invalid("header", IdempotencyKey.HEADER, "was used for another comment");
        }
        return stored;
    }

    @GetMapping("/web/posts/{id}/comments")
    List<CommentView> comments(@Parameter(hidden = true) Optional<Member> member, @PathVariable UUID id,
                               @ParameterObject PageParams page) {
        visiblePost(id, member);
        return queries.query(new FindComments(id, page.orDefaultLimit(10)),
                ResponseTypes.multipleInstancesOf(CommentView.class)).join();
    }

    @PostMapping("/web/posts/{id}/likes")
    ResponseEntity<PostView> like(Member member, @PathVariable UUID id) {
        commands.send(new LikePost(id, member.profileId(), member.username()));
        return changed(id, member);
    }

    @DeleteMapping("/web/posts/{id}/likes")
    ResponseEntity<PostView> unlike(Member member, @PathVariable UUID id) {
        commands.send(new UnlikePost(id, member.profileId()));
        return changed(id, member);
    }

    @GetMapping("/web/feed")
    List<PostView> feed(Member member,
                        @ParameterObject PageParams page) {
        return queries.query(new FindFeed(member.profileId(), page.orDefaultLimit(10)),
                ResponseTypes.multipleInstancesOf(PostView.class)).join();
    }

    /**
     * The post after this member's change to it. The change is stored (the command side accepted it, so the post
     * exists and is for this member): if the walls cannot show the post yet (they are behind, as the
     * {@code Bunnybook-Read-Models-Behind} header then says: a node holding their segment died, or they parked the
     * post), 202 without a body, rather than a 404 or 403 that would say the change was refused.
     */
    private ResponseEntity<PostView> changed(UUID id, Member member) {
        PostLookup lookup = lookup(id, member.profileId());
        return lookup.outcome() == PostLookup.Outcome.VISIBLE
                ? ResponseEntity.ok(lookup.post()) : ResponseEntity.accepted().build();
    }

    /** The post if this viewer may see it; 404 if it does not exist, 403 if it is not for them. */
    private PostView visiblePost(UUID id, Optional<Member> member) {
        PostLookup lookup = lookup(id, viewer(member));
        return switch (lookup.outcome()) {
            case VISIBLE -> lookup.post();
            case HIDDEN -> throw ApiException.forbidden();
            case NOT_FOUND -> throw ApiException.notFound();
        };
    }

    private PostLookup lookup(UUID id, UUID viewer) {
        return queries.query(new FindPost(id, viewer), ResponseTypes.instanceOf(PostLookup.class)).join();
    }

    private static UUID viewer(Optional<Member> member) {
        return member.map(Member::profileId).orElse(null);
    }
}
