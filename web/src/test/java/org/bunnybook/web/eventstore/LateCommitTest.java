package org.bunnybook.web.eventstore;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.bunnybook.api.post.CreatePost;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's position in the store is taken when it is inserted, but it is seen only once its transaction commits,
 * so an event can appear behind one stored after it. The read models' streams pass over such a position as a gap
 * and take the event when it commits; skipping it would lose a member's act from every read model for good.
 */
@BunnybookTest
class LateCommitTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandBus commandBus;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPostCommittedAfterALaterPositionsPostReachesTheWallsAndItsRequestIsAnswered() throws Exception {
        Member late = Members.register(port, "Late");
        Member early = Members.register(port, "Early");
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // holds the late post's transaction open once its event is inserted: the store's event bus appends in the
        // prepare-commit phase with a handler registered while the command was handled, before this one
        Registration holding = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (unitOfWork.getMessage().getPayload() instanceof CreatePost post && post.authorId().equals(late.id())) {
                unitOfWork.onPrepareCommit(held -> {
                    inserted.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            return result;
        });
        try {
            CompletableFuture<ApiClient.Response> latePost = CompletableFuture.supplyAsync(() ->
                    late.client().post("/web/posts", Map.of("content", "committed late")));
            assertThat(inserted.await(30, TimeUnit.SECONDS)).as("the late post's event inserted").isTrue();

            ApiClient.Response earlyPost = early.client().post("/web/posts", Map.of("content", "committed first"));
            assertThat(earlyPost.status()).as(earlyPost.text()).isEqualTo(201);
            assertThat(latePost).as("held until released").isNotDone();

            release.countDown();
            ApiClient.Response answer = latePost.get(30, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.text()).isEqualTo(201);
            String latePostId = answer.json().get("id").asText();
            String earlyPostId = earlyPost.json().get("id").asText();

            assertThat(position(latePostId)).as("the late post's position, before the early one's")
                    .isLessThan(position(earlyPostId));
            assertThat(jdbc.sql("SELECT count(*) FROM posts WHERE post_id = CAST(:id AS uuid)")
                    .param("id", latePostId).query(Long.class).single()).as("on the walls").isEqualTo(1);
            assertThat(late.client().get("/web/posts/" + latePostId).status()).isEqualTo(200);
        } finally {
            release.countDown();
            holding.cancel();
        }
    }

    private long position(String postId) {
        return jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", postId).query(Long.class).single();
    }
}
