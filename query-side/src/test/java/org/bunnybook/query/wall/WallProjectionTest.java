package org.bunnybook.query.wall;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import org.bunnybook.api.post.CommentView;
import org.bunnybook.api.post.FindComment;
import org.bunnybook.api.post.FindComments;
import org.bunnybook.api.post.FindPost;
import org.bunnybook.api.post.FindWallPosts;
import org.bunnybook.api.post.PageAfter;
import org.bunnybook.api.post.PostLookup;
import org.bunnybook.api.post.PostView;
import org.bunnybook.api.post.Privacy;
import org.bunnybook.platform.eventstore.EventStoreTables;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Posts, comments and likes in PostgreSQL, read as members read them: single posts through the posts cache. */
@ReadModelTest({WallProjection.class, WallQueries.class, WallReads.class, FeedPages.class, WallStore.class,
        WallCaches.class, CachedPosts.class, FeedTimelines.class, EventStoreTables.class,
        WallProjectionTest.InstantsAsText.class})
class WallProjectionTest {

    private static final PageAfter NEWEST = new PageAfter(null, null, 10);

    @Autowired
    ProjectionEvents events;

    @Autowired
    WallQueries walls;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    CachedPosts cachedPosts;

    /** The application's mapper as the web module makes it: instants as the HTTP contract writes them, text. */
    @Configuration(proxyBeanMethods = false)
    static class InstantsAsText {
        @Bean
        Module instantsAsText() {
            return new SimpleModule("instants-as-text").addSerializer(Instant.class, new ToStringSerializer());
        }
    }

    @Test
    void aPostIsOnItsWallForEveryoneAndAFriendsOnlyPostForTheOwnerAlone() {
        List<Bunny> bunnies = Bunny.named("ann", "bob");
        Bunny ann = bunnies.get(0), bob = bunnies.get(1);
        UUID open = UUID.randomUUID(), closed = UUID.randomUUID();
        // a millisecond apart: two posts of the same millisecond are ordered by id, not by which came first
        Instant now = Instant.now();
        events.givenAt(now.minusMillis(1), open, bob.writesOn(ann, open, Privacy.PUBLIC));
        events.givenAt(now, closed, ann.writesOn(ann, closed, Privacy.FRIENDS));

        assertThat(walls.handle(new FindWallPosts(ann.id(), ann.id(), NEWEST))).extracting(PostView::id)
                .containsExactly(closed, open);
        assertThat(walls.handle(new FindWallPosts(ann.id(), null, NEWEST))).extracting(PostView::id)
                .containsExactly(open);
        PostView post = walls.handle(new FindPost(open, null)).post();
        assertThat(post.profileId()).isEqualTo(bob.id());
        assertThat(post.username()).isEqualTo(bob.username());
        assertThat(post.wallProfileId()).isEqualTo(ann.id());
        assertThat(walls.handle(new FindPost(closed, bob.id())).outcome()).isEqualTo(PostLookup.Outcome.HIDDEN);
    }

    @Test
    void commentsAndLikesAreCountedOnceEachHoweverOftenHandled() {
        List<Bunny> bunnies = Bunny.named("cat", "dan");
        Bunny cat = bunnies.get(0), dan = bunnies.get(1);
        UUID post = UUID.randomUUID(), comment = UUID.randomUUID();
        var history = events.given(post, cat.writes(post), dan.comments(post, cat, comment, "crunchy"),
                dan.likes(post, cat), cat.likes(post, cat), cat.unlikes(post));
        events.deliver(history);

        PostView seenByDan = walls.handle(new FindPost(post, dan.id())).post();
        assertThat(seenByDan.commentsCount()).isEqualTo(1);
        assertThat(seenByDan.likesCount()).isEqualTo(1);
        assertThat(seenByDan.likedByMe()).isTrue();
        assertThat(walls.handle(new FindPost(post, cat.id())).post().likedByMe()).isFalse();
        assertThat(walls.handle(new FindComments(post, NEWEST))).extracting(CommentView::id, CommentView::content)
                .containsExactly(tuple(comment, "crunchy"));
    }

    @Test
    void aCachedPostShowsTheChangesMadeAfterItWasCached() {
        List<Bunny> bunnies = Bunny.named("eve", "fay");
        Bunny eve = bunnies.get(0), fay = bunnies.get(1);
        UUID post = UUID.randomUUID();
        events.given(post, eve.writes(post));
        assertThat(walls.handle(new FindPost(post, null)).post().likesCount()).isZero();
        assertThat(walls.handle(new FindWallPosts(eve.id(), null, NEWEST))).hasSize(1);

        events.given(post, fay.likes(post, eve));
        UUID second = UUID.randomUUID();
        events.given(second, eve.writes(second));

        assertThat(walls.handle(new FindPost(post, null)).post().likesCount()).isEqualTo(1);
        assertThat(walls.handle(new FindWallPosts(eve.id(), null, NEWEST))).extracting(PostView::id)
                .containsExactly(second, post);
    }

    @Test
    void aPageOfPostsPartlyCachedReadsInItsOrderWithTheReadersOwnLikes() {
        List<Bunny> bunnies = Bunny.named("gil", "hop");
        Bunny gil = bunnies.get(0), hop = bunnies.get(1);
        UUID first = UUID.randomUUID(), second = UUID.randomUUID(), third = UUID.randomUUID();
        events.given(first, gil.writes(first));
        events.given(second, gil.writes(second), hop.likes(second, gil));
        events.given(third, gil.writes(third), hop.likes(third, gil));
        walls.handle(new FindPost(second, hop.id())); // files the second post alone
        List<UUID> page = List.of(third, second, first);

        // one cached between two loaded from PostgreSQL, then all three cached: parsed together, in order
        for (List<PostView> read : List.of(cachedPosts.find(page, hop.id()), cachedPosts.find(page, hop.id()))) {
            assertThat(read).extracting(PostView::id, PostView::likedByMe, PostView::likesCount)
                    .containsExactly(tuple(third, true, 1), tuple(second, true, 1), tuple(first, false, 0));
        }
        assertThat(cachedPosts.find(page, gil.id())).extracting(PostView::likedByMe)
                .containsExactly(false, false, false);
    }

    @Test
    void aCachedPostKeepsItsInstantsAsMillisecondsWhateverTheApplicationWritesThemAs() {
        Bunny max = Bunny.named("max");
        UUID post = UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(123);
        events.givenAt(at, post, max.writes(post));
        walls.handle(new FindPost(post, null)); // loads the post from PostgreSQL and files it

        assertThat(redis.keys("posts:" + post + ":*:with-likers")).singleElement()
                .extracting(key -> (String) redis.opsForHash().get(key, "view")).asString()
                .contains("\"createdAt\":" + at.toEpochMilli() + ",");
        PostView cached = walls.handle(new FindPost(post, null)).post();
        assertThat(cached.createdAt()).isEqualTo(at);
        assertThat(cached.updatedAt()).isEqualTo(at);
    }

    @Test
    void aPostCachedWithItsInstantsAsTextStillReads() {
        Bunny ned = Bunny.named("ned");
        UUID post = UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(456);
        events.givenAt(at, post, ned.writes(post));
        walls.handle(new FindPost(post, null)); // files it
        String key = redis.keys("posts:" + post + ":*:with-likers").iterator().next();
        String filed = (String) redis.opsForHash().get(key, "view");
        // as the application's mapper filed posts before the cache had a mapper of its own
        redis.opsForHash().put(key, "view", filed.replace(Long.toString(at.toEpochMilli()), "\"" + at + "\""));

        assertThat((String) redis.opsForHash().get(key, "view")).contains("\"createdAt\":\"" + at + "\"");
        assertThat(walls.handle(new FindPost(post, null)).post().createdAt()).isEqualTo(at);
    }

    @Test
    void aDeletedPostIsGoneWithItsComments() {
        Bunny gus = Bunny.named("gus");
        UUID post = UUID.randomUUID(), comment = UUID.randomUUID();
        events.given(post, gus.writes(post), gus.comments(post, gus, comment, "my own"));
        assertThat(walls.handle(new FindPost(post, null)).outcome()).isEqualTo(PostLookup.Outcome.VISIBLE);

        events.given(post, gus.deletes(post));

        assertThat(walls.handle(new FindPost(post, null)).outcome()).isEqualTo(PostLookup.Outcome.NOT_FOUND);
        assertThat(walls.handle(new FindWallPosts(gus.id(), gus.id(), NEWEST))).isEmpty();
        assertThat(walls.handle(new FindComment(comment))).isEmpty();
    }

    @Test
    void aResetForgetsEveryPostAndItsCachedCopies() {
        Bunny hal = Bunny.named("hal");
        UUID post = UUID.randomUUID();
        events.given(post, hal.writes(post));
        assertThat(walls.handle(new FindPost(post, null)).outcome()).isEqualTo(PostLookup.Outcome.VISIBLE);

        events.reset();

        assertThat(walls.handle(new FindPost(post, null)).outcome()).isEqualTo(PostLookup.Outcome.NOT_FOUND);
        assertThat(walls.handle(new FindWallPosts(hal.id(), null, NEWEST))).isEmpty();
    }

    @Test
    void anEditShowsTheNewContentAndWhenEvenWhereThePostWasCachedAndTheSameHoweverOftenHandled() {
        List<Bunny> bunnies = Bunny.named("ida", "jon");
        Bunny ida = bunnies.get(0), jon = bunnies.get(1);
        UUID post = UUID.randomUUID(), comment = UUID.randomUUID(), other = UUID.randomUUID();
        events.given(post, ida.writes(post), jon.comments(post, ida, comment, "first thought"),
                jon.comments(post, ida, other, "untouched"));
        assertThat(walls.handle(new FindPost(post, null)).post().editedAt()).isNull();

        var edits = events.given(post, ida.edits(post, "second draft"),
                jon.editsComment(post, comment, "second thought"));
        events.deliver(edits);

        PostView edited = walls.handle(new FindPost(post, null)).post();
        assertThat(edited.content()).isEqualTo("second draft");
        assertThat(edited.editedAt()).isEqualTo(edits.get(0).getTimestamp().truncatedTo(ChronoUnit.MILLIS));
        assertThat(edited.updatedAt()).isEqualTo(edited.editedAt()).isAfterOrEqualTo(edited.createdAt());
        assertThat(walls.handle(new FindWallPosts(ida.id(), null, NEWEST))).extracting(PostView::content)
                .containsExactly("second draft");
        assertThat(walls.handle(new FindComments(post, NEWEST)))
                .extracting(CommentView::id, CommentView::content, view -> view.editedAt() != null)
                .containsExactlyInAnyOrder(tuple(comment, "second thought", true), tuple(other, "untouched", false));
    }

    @Test
    void aDeletedCommentIsGoneAndUncountedOnceHoweverOftenHandled() {
        List<Bunny> bunnies = Bunny.named("kim", "lou");
        Bunny kim = bunnies.get(0), lou = bunnies.get(1);
        UUID post = UUID.randomUUID(), gone = UUID.randomUUID(), kept = UUID.randomUUID();
        events.given(post, kim.writes(post), lou.comments(post, kim, gone, "oops"),
                lou.comments(post, kim, kept, "ok"));
        assertThat(walls.handle(new FindPost(post, null)).post().commentsCount()).isEqualTo(2);

        events.deliver(events.given(post, kim.deletesComment(post, gone, lou)));

        assertThat(walls.handle(new FindPost(post, null)).post().commentsCount()).isEqualTo(1);
        assertThat(walls.handle(new FindComment(gone))).isEmpty();
        assertThat(walls.handle(new FindComments(post, NEWEST))).extracting(CommentView::id).containsExactly(kept);
    }
}
