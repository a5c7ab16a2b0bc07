package org.bunnybook.command.post;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.bunnybook.api.post.CommentOnPost;
import org.bunnybook.api.post.CreatePost;
import org.bunnybook.api.post.DeletePost;
import org.bunnybook.api.post.LikePost;
import org.bunnybook.api.post.NotAllowedOnPost;
import org.bunnybook.api.post.PostCommented;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostDeleted;
import org.bunnybook.api.post.PostLiked;
import org.bunnybook.api.post.PostNotFound;
import org.bunnybook.api.post.PostUnliked;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.api.post.UnlikePost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

class PostTest {

    private final UUID post = UUID.randomUUID();
    private final UUID author = UUID.randomUUID();
    private final UUID wallOwner = UUID.randomUUID();
    private final UUID stranger = UUID.randomUUID();
    private final UUID comment = UUID.randomUUID();
    private AggregateTestFixture<Post> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Post.class);
    }

    private PostCreated created() {
        return new PostCreated(post, author, "hazel", wallOwner, "fiver", "Silflay at dawn", Privacy.FRIENDS);
    }

    private PostDeleted deleted() {
        return new PostDeleted(post, author, wallOwner, author);
    }

    @Test
    void aPostIsCreated() {
        fixture.givenNoPriorActivity()
                .when(new CreatePost(post, author, "hazel", wallOwner, "fiver", "Silflay at dawn", Privacy.FRIENDS))
                .expectEvents(created());
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
        fixture.given(created(), deleted()).when(new CommentOnPost(post, comment, stranger, "x", "hi"))
                .expectException(PostNotFound.class);
        fixture.given(created(), deleted()).when(new LikePost(post, stranger, "x"))
                .expectException(PostNotFound.class);
    }

    @Test
    void aCommentNamesThePostsAuthorAndWall() {
        fixture.given(created())
                .when(new CommentOnPost(post, comment, stranger, "bigwig", "Nice"))
                .expectEvents(new PostCommented(post, comment, stranger, "bigwig", "Nice", author, "hazel", wallOwner));
    }

    @Test
    void likesAreIdempotent() {
        PostLiked liked = new PostLiked(post, stranger, "bigwig", author, wallOwner);
        fixture.given(created()).when(new LikePost(post, stranger, "bigwig")).expectEvents(liked);
        fixture.given(created(), liked).when(new LikePost(post, stranger, "bigwig")).expectNoEvents();
        fixture.given(created(), liked).when(new UnlikePost(post, stranger)).expectEvents(new PostUnliked(post, stranger));
        fixture.given(created()).when(new UnlikePost(post, stranger)).expectNoEvents();
    }
}
