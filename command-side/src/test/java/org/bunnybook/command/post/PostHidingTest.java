package org.bunnybook.command.post;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.bunnybook.api.post.CommentHidden;
import org.bunnybook.api.post.CommentOnPost;
import org.bunnybook.api.post.HideComment;
import org.bunnybook.api.post.HidePost;
import org.bunnybook.api.post.LikePost;
import org.bunnybook.api.post.PostCreated;
import org.bunnybook.api.post.PostDeleted;
import org.bunnybook.api.post.PostHidden;
import org.bunnybook.api.post.PostNotFound;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.command.friendship.Blocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

/** Staff hide a reported post or comment; for members a hidden post is gone, as a deleted one is. */
class PostHidingTest {

    private final UUID post = UUID.randomUUID();
    private final UUID author = UUID.randomUUID();
    private final UUID report = UUID.randomUUID();
    private final UUID moderator = UUID.randomUUID();
    private AggregateTestFixture<Post> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Post.class);
        fixture.registerInjectableResource((Friendships) (one, other) -> true);
        fixture.registerInjectableResource((Blocks) (one, other) -> false);
    }

    private PostCreated created() {
        return new PostCreated(post, author, "hazel", author, "cheap carrots", Privacy.PUBLIC);
    }

    private PostHidden hidden() {
        return new PostHidden(post, author, report, moderator);
    }

    @Test
    void aPostIsHiddenOnceAndThenTakesNothingMore() {
        fixture.given(created()).when(new HidePost(post, report, moderator)).expectEvents(hidden());
        fixture.given(created(), hidden()).when(new HidePost(post, report, moderator)).expectNoEvents();
        fixture.given(created(), hidden())
                .when(new CommentOnPost(post, UUID.randomUUID(), author, "hazel", "hello?"))
                .expectException(PostNotFound.class);
        fixture.given(created(), hidden()).when(new LikePost(post, author, "hazel"))
                .expectException(PostNotFound.class);
    }

    @Test
    void aDeletedPostCannotBeHidden() {
        fixture.given(created(), new PostDeleted(post, author, author, author))
                .when(new HidePost(post, report, moderator))
                .expectException(PostNotFound.class);
    }

    @Test
    void aCommentIsHiddenOnItsPost() {
        UUID comment = UUID.randomUUID();
        fixture.given(created()).when(new HideComment(post, comment, report, moderator))
                .expectEvents(new CommentHidden(post, comment, report, moderator));
    }
}
