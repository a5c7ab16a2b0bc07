package org.bunnybook.web.post;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.friendship.FriendshipId;
import org.bunnybook.api.friendship.Unfriend;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.ProjectionFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.web.support.Friends.befriend;
import static org.bunnybook.web.support.Friends.relationship;

/**
 * Who may write on a wall and act on a FRIENDS post is decided by the command side, against the friendship as its own
 * history has it: an ex-friend loses access the moment the friendship ends, even while the friendship read models
 * (which reads use) still show the two as friends, as they would with an {@code Unfriended} event parked or behind.
 */
@BunnybookTest
class ExFriendAccessTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ProjectionFixture projections;

    @Test
    void anExFriendCannotPostCommentOrLikeWhileTheReadModelsStillSayFriends() throws InterruptedException {
        Member owner = Members.register(port, "Owner");
        Member exFriend = Members.register(port, "ExFriend");
        befriend(owner, exFriend);
        String post = Posts.write(owner, owner, "for friends only", "FRIENDS");
        assertThat(like(exFriend, post)).as("a friend may like it").isEqualTo(200);

        List<StreamingEventProcessor> friendshipModels = List.of(processor(ReadModels.FRIENDSHIPS),
                processor(ReadModels.SOCIAL_GRAPH));
        friendshipModels.forEach(StreamingEventProcessor::shutDown);
        try {
            commands.sendAndWait(new Unfriend(FriendshipId.of(owner.id(), exFriend.id()), owner.id()));
            assertThat(relationship(exFriend, owner)).as("the read models have not seen it").isEqualTo("FRIEND");
            assertThat(exFriend.client().get("/web/posts/" + post).status())
                    .as("so reads still let them see the post").isEqualTo(200);

            assertThat(exFriend.client().post("/web/posts", Map.of("content", "still here?",
                    "wallProfileId", owner.id().toString())).status()).as("posting on the wall").isEqualTo(403);
            assertThat(exFriend.client().post("/web/posts/" + post + "/comments", Map.of("content", "hello?"))
                    .status()).as("commenting").isEqualTo(403);
            assertThat(like(exFriend, post)).as("liking").isEqualTo(403);
            assertThat(exFriend.client().send("DELETE", "/web/posts/" + post + "/likes", BodyPublishers.noBody(),
                    Map.of()).status()).as("unliking").isEqualTo(403);
        } finally {
            friendshipModels.forEach(StreamingEventProcessor::start);
        }
        projections.awaitCaughtUp(ReadModels.FRIENDSHIPS);
        projections.awaitCaughtUp(ReadModels.SOCIAL_GRAPH);
        assertThat(relationship(exFriend, owner)).isEqualTo("NONE");
        assertThat(exFriend.client().get("/web/posts/" + post).status()).isEqualTo(403);
        assertThat(owner.client().post("/web/posts/" + post + "/comments", Map.of("content", "mine still"))
                .status()).as("the wall's owner keeps access").isEqualTo(201);
    }

    private static int like(Member member, String post) {
        return member.client().post("/web/posts/" + post + "/likes", Map.of()).status();
    }

    private StreamingEventProcessor processor(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
    }
}
