package org.bunnybook.command.post;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.bunnybook.api.post.CommentAlreadyPosted;
import org.bunnybook.api.post.CommentDeleted;
import org.bunnybook.api.post.CommentEdited;
import org.bunnybook.api.post.CommentIdTaken;
import org.bunnybook.api.post.CommentNotFound;
import org.bunnybook.api.post.CommentOnPost;
import org.bunnybook.api.post.CreatePost;
import org.bunnybook.api.post.DeleteComment;
import org.bunnybook.api.post.DeletePost;
import org.bunnybook.api.post.EditComment;
import org.bunnybook.api.post.EditPost;
import org.bunnybook.api.post.LikePost;
import org.bunnybook.api.post.NotAllowedOnPost;
import org.bunnybook.api.post.PostCommented;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostDeleted;
import org.bunnybook.api.post.PostEdited;
import org.bunnybook.api.post.PostLiked;
import org.bunnybook.api.post.PostNotFound;
import org.bunnybook.api.post.PostUnliked;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.api.post.UnlikePost;
import org.bunnybook.command.friendship.Blocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

class PostTest {

    private final UUID post = UUID.randomUUID();
    private final UUID author = UUID.randomUUID();
    private final UUID wallOwner = UUID.randomUUID();
    private final UUID friend = UUID.randomUUID();
    private final UUID stranger = UUID.randomUUID();
    private final UUID comment = UUID.randomUUID();
    /** The wall owner's friends, as the friendships' own histories have them. */
    private final Set<UUID> wallOwnersFriends = new HashSet<>(Set.of(author, friend));
    /** Pairs (as "one other", either order) that block one another, as the friendships' own histories have them. */
    private final Set<String> blocks = new HashSet<>();
    private AggregateTestFixture<Post> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Post.class);
        fixture.registerInjectableResource((Friendships) (one, other) ->
                one.equals(wallOwner) && wallOwnersFriends.contains(other)
                        || other.equals(wallOwner) && wallOwnersFriends.contains(one));
        fixture.registerInjectableResource((Blocks) (one, other) ->
                blocks.contains(one + " " + other) || blocks.contains(other + " " + one));
    }

    @Test
    void aBlockWithTheAuthorOrTheWallsOwnerHidesThePostFromCommentsAndLikes() {
        blocks.add(friend + " " + author);
        fixture.given(created()).when(new CommentOnPost(post, comment, friend, "bigwig", "hello"))
                .expectException(PostNotFound.class).expectNoEvents();
        fixture.given(created()).when(new LikePost(post, friend, "bigwig"))
                .expectException(PostNotFound.class).expectNoEvents();
        blocks.clear();
        blocks.add(wallOwner + " " + friend);
        fixture.given(created()).when(new LikePost(post, friend, "bigwig"))
                .expectException(PostNotFound.class).expectNoEvents();
        fixture.given(created(), new PostLiked(post, friend, "bigwig", author, wallOwner))
                .when(new UnlikePost(post, friend))
                .expectException(PostNotFound.class).expectNoEvents();
    }

    private PostCreated created() {
        return new PostCreated(post, author, "hazel", wallOwner, "Silflay at dawn", Privacy.FRIENDS);
    }

    private PostDeleted deleted() {
        return new PostDeleted(post, author, wallOwner, author);
    }

    @Test
    void aPostIsCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreatePost(post, author, "hazel", wallOwner, "Silflay at dawn", Privacy.FRIENDS))
                .expectEvents(created());
    }

    @Test
    void onlyTheOwnerAndTheOwnersFriendsPostOnAWall() {
        fixture.givenNoPriorActivity()
                .when(new CreatePost(post, stranger, "kehaar", wallOwner, "Hello", Privacy.PUBLIC))
                .expectException(NotAllowedOnPost.class);
        fixture.givenNoPriorActivity()
                .when(new CreatePost(post, wallOwner, "fiver", wallOwner, "My own", Privacy.PUBLIC))
                .expectEvents(new PostCreated(post, wallOwner, "fiver", wallOwner, "My own", Privacy.PUBLIC));
    }

    @Test
    void anExFriendLosesAFriendsPostAtOnce() {
        wallOwnersFriends.remove(friend); // unfriended: whatever the read models have seen so far
        fixture.given(created()).when(new CommentOnPost(post, comment, friend, "bigwig", "Still here?"))
                .expectException(NotAllowedOnPost.class);
        fixture.given(created()).when(new LikePost(post, friend, "bigwig")).expectException(NotAllowedOnPost.class);
        fixture.given(created()).when(new UnlikePost(post, friend)).expectException(NotAllowedOnPost.class);
    }

    @Test
    void aPublicPostIsOpenToEveryone() {
        PostCreated open = new PostCreated(post, author, "hazel", wallOwner, "Silflay at dawn", Privacy.PUBLIC);
        fixture.given(open).when(new CommentOnPost(post, comment, stranger, "kehaar", "Hello"))
                .expectEvents(new PostCommented(post, comment, stranger, "kehaar", "Hello", author, "hazel", wallOwner));
        fixture.given(open).when(new LikePost(post, stranger, "kehaar"))
                .expectEvents(new PostLiked(post, stranger, "kehaar", author, wallOwner));
    }

    @Test
    void theWallOwnerActsOnAFriendsPost() {
        fixture.given(created()).when(new LikePost(post, wallOwner, "fiver"))
                .expectEvents(new PostLiked(post, wallOwner, "fiver", author, wallOwner));
    }

    @Test
    void theAuthorOrTheWallOwnerDeletesNobodyElse() {
        fixture.given(created()).when(new DeletePost(post, author)).expectEvents(deleted());
        fixture.given(created()).when(new DeletePost(post, wallOwner))
                .expectEvents(new PostDeleted(post, author, wallOwner, wallOwner));
        fixture.given(created()).when(new DeletePost(post, stranger)).expectException(NotAllowedOnPost.class);
    }

    @Test
    void aDeletedPostIsGoneForEveryCommand() {
        fixture.given(created(), deleted()).when(new DeletePost(post, author)).expectException(PostNotFound.class);
        fixture.given(created(), deleted()).when(new CommentOnPost(post, comment, friend, "x", "hi"))
                .expectException(PostNotFound.class);
        fixture.given(created(), deleted()).when(new LikePost(post, friend, "x"))
                .expectException(PostNotFound.class);
    }

    @Test
    void aCommentNamesThePostsAuthorAndWall() {
        fixture.given(created())
                .when(new CommentOnPost(post, comment, friend, "bigwig", "Nice"))
                .expectEvents(new PostCommented(post, comment, friend, "bigwig", "Nice", author, "hazel", wallOwner));
    }

    @Test
    void likesAreIdempotent() {
        PostLiked liked = new PostLiked(post, friend, "bigwig", author, wallOwner);
        fixture.given(created()).when(new LikePost(post, friend, "bigwig")).expectEvents(liked);
        fixture.given(created(), liked).when(new LikePost(post, friend, "bigwig")).expectNoEvents();
        fixture.given(created(), liked).when(new UnlikePost(post, friend)).expectEvents(new PostUnliked(post, friend));
        fixture.given(created()).when(new UnlikePost(post, friend)).expectNoEvents();
    }

    private PostCommented commented() {
        return new PostCommented(post, comment, friend, "bigwig", "Nice", author, "hazel", wallOwner);
    }

    @Test
    void onlyItsAuthorEditsAPost() {
        fixture.given(created()).when(new EditPost(post, author, "Silflay at dusk"))
                .expectEvents(new PostEdited(post, author, wallOwner, "Silflay at dusk"));
        fixture.given(created()).when(new EditPost(post, wallOwner, "Mine now"))
                .expectException(NotAllowedOnPost.class);
        fixture.given(created(), deleted()).when(new EditPost(post, author, "Too late"))
                .expectException(PostNotFound.class);
    }

    @Test
    void onlyItsAuthorEditsACommentWhileTheyMaySeeThePost() {
        fixture.given(created(), commented()).when(new EditComment(post, comment, friend, "Very nice"))
                .expectEvents(new CommentEdited(post, comment, friend, "Very nice"));
        fixture.given(created(), commented()).when(new EditComment(post, comment, author, "Not nice"))
                .expectException(NotAllowedOnPost.class);
        fixture.given(created()).when(new EditComment(post, comment, friend, "Nothing to edit"))
                .expectException(CommentNotFound.class);
        wallOwnersFriends.remove(friend);
        fixture.given(created(), commented()).when(new EditComment(post, comment, friend, "Still here?"))
                .expectException(NotAllowedOnPost.class);
    }

    @Test
    void theCommentsAuthorThePostsAuthorOrTheWallOwnerDeleteACommentNobodyElse() {
        for (UUID allowed : new UUID[]{friend, author, wallOwner}) {
            fixture.given(created(), commented()).when(new DeleteComment(post, comment, allowed))
                    .expectEvents(new CommentDeleted(post, comment, friend, allowed));
        }
        fixture.given(created(), commented()).when(new DeleteComment(post, comment, stranger))
                .expectException(NotAllowedOnPost.class);
    }

    @Test
    void aDeletedCommentIsGoneForEveryCommand() {
        CommentDeleted gone = new CommentDeleted(post, comment, friend, friend);
        fixture.given(created(), commented(), gone).when(new DeleteComment(post, comment, author))
                .expectException(CommentNotFound.class);
        fixture.given(created(), commented(), gone).when(new EditComment(post, comment, friend, "Back"))
                .expectException(CommentNotFound.class);
        fixture.given(created(), commented(), deleted()).when(new DeleteComment(post, comment, friend))
                .expectException(PostNotFound.class);
    }

    @Test
    void aCommentAskedForAgainWithItsIdIsStoredOnceAndNamedByItsSeqEvenOnceDeleted() {
        fixture.given(created(), commented())
                .when(new CommentOnPost(post, comment, friend, "bigwig", "Nice"))
                .expectNoEvents().expectResultMessagePayload(new CommentAlreadyPosted(post, 1));
        fixture.given(created(), commented(), new CommentDeleted(post, comment, friend, friend), deleted())
                .when(new CommentOnPost(post, comment, friend, "bigwig", "Nice"))
                .expectNoEvents().expectResultMessagePayload(new CommentAlreadyPosted(post, 1));
    }

    @Test
    void onlyTheLatestCommentsIdsAreRemembered() {
        List<Object> history = new ArrayList<>(List.of(created()));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i <= Post.COMMENTS_REMEMBERED; i++) {
            ids.add(UUID.randomUUID());
            history.add(new PostCommented(post, ids.get(i), friend, "bigwig", "comment " + i, author, "hazel",
                    wallOwner));
        }
        // the oldest is on the post still: refused, never stored twice; deleted, its id has expired
        fixture.given(history).when(new CommentOnPost(post, ids.get(0), friend, "bigwig", "comment 0"))
                .expectException(CommentIdTaken.class).expectNoEvents();
        List<Object> thenDeleted = new ArrayList<>(history);
        thenDeleted.add(new CommentDeleted(post, ids.get(0), friend, friend));
        fixture.given(thenDeleted).when(new CommentOnPost(post, ids.get(0), friend, "bigwig", "comment 0"))
                .expectEvents(new PostCommented(post, ids.get(0), friend, "bigwig", "comment 0", author, "hazel",
                        wallOwner));
        fixture.given(history).when(new CommentOnPost(post, ids.get(1), friend, "bigwig", "comment 1"))
                .expectNoEvents().expectResultMessagePayload(new CommentAlreadyPosted(post, 2));
    }
}
