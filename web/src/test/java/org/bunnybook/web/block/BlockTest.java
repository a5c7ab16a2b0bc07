package org.bunnybook.web.block;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.chat.ChatGroupId;
import org.bunnybook.api.chat.NotInConversation;
import org.bunnybook.api.chat.OpenConversation;
import org.bunnybook.api.chat.PostMessage;
import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Friends;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.bunnybook.web.support.Posts;
import org.bunnybook.web.support.ProjectionFixture;
import org.bunnybook.web.support.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bunnybook.web.support.ChatFrames.chatMessage;
import static org.bunnybook.web.support.Friends.befriend;

/**
 * Blocking a member ({@code PUT/DELETE /web/profiles/{me}/blocks/{other}}), every rule from both sides, through HTTP
 * and the real socket: the blocker and the blocked each lose sight of the other and every way to reach them.
 */
@BunnybookTest
class BlockTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    @Autowired
    ProjectionFixture projections;

    @Test
    void onlyTheMemberThemselvesBlocksAndTheListShowsWhomAndSince() {
        Member me = Members.register(port, "Blocker");
        Member pest = Members.register(port, "Pest");
        Member other = Members.register(port, "Bystander");

        assertThat(block(me, pest)).isEqualTo(204);
        assertThat(block(me, pest)).as("again: nothing more happens").isEqualTo(204);
        JsonNode list = me.client().get(blocksOf(me)).json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("id").asText()).isEqualTo(pest.id().toString());
        assertThat(list.get(0).get("username").asText()).isEqualTo(pest.username());
        assertThat(list.get(0).get("blockedAt").asText()).isNotBlank();

        assertThat(other.client().get(blocksOf(me)).status()).isEqualTo(403);
        assertThat(new ApiClient(port).get(blocksOf(me)).status()).isEqualTo(401);
        assertThat(other.client().send("PUT", blocksOf(me) + "/" + pest.id(), BodyPublishers.noBody(), Map.of())
                .status()).isEqualTo(403);
        assertThat(other.client().send("DELETE", blocksOf(me) + "/" + pest.id(), BodyPublishers.noBody(), Map.of())
                .status()).isEqualTo(403);
        assertThat(block(me, me)).isEqualTo(400);
        assertThat(me.client().send("PUT", blocksOf(me) + "/" + UUID.randomUUID(), BodyPublishers.noBody(), Map.of())
                .status()).isEqualTo(404);
        assertThat(me.client().send("PUT", blocksOf(me) + "/not-a-uuid", BodyPublishers.noBody(), Map.of())
                .status()).isEqualTo(422);
        assertThat(pest.client().get(blocksOf(pest)).json()).as("the blocked member's own list").isEmpty();

        assertThat(unblock(me, pest)).isEqualTo(204);
        assertThat(unblock(me, pest)).as("again: nothing more happens").isEqualTo(204);
        assertThat(unblock(me, other)).as("never blocked").isEqualTo(204);
        assertThat(me.client().get(blocksOf(me)).json()).isEmpty();
    }

    @Test
    void aFriendshipEndsAsUnfriendingEndsItAndPendingRequestsAreCancelledWithoutTellingTheBlocked() {
        Member me = Members.register(port, "Blocker");
        Member friend = Members.register(port, "Friend");
        Member requester = Members.register(port, "Asker");
        Member asked = Members.register(port, "Asked");
        befriend(me, friend);
        assertThat(Friends.request(requester, me).status()).isEqualTo(201);
        assertThat(Friends.request(me, asked).status()).isEqualTo(201);
        projections.awaitCaughtUp(ReadModels.NOTIFICATIONS);
        int friendsNotifications = notifications(friend).size();

        try (Socket friendsSocket = Socket.open(port, friend.client().accessToken())) {
            assertThat(block(me, friend)).isEqualTo(204);
            friendsSocket.await("remove_friend", removed -> true); // as for any unfriending, nothing more
        }
        assertThat(block(me, requester)).isEqualTo(204);
        assertThat(block(me, asked)).isEqualTo(204);

        assertThat(Friends.relationship(me, friend)).isEqualTo("NONE");
        assertThat(Friends.relationship(friend, me)).isEqualTo("NONE");
        assertThat(friendUsernames(me, me)).isEmpty();
        assertThat(friendUsernames(friend, friend)).isEmpty();
        assertThat(Friends.relationship(requester, me)).isEqualTo("NONE");
        assertThat(Friends.relationship(asked, me)).isEqualTo("NONE");
        assertThat(me.client().get("/web/profiles/" + me.id() + "/friend_requests?direction=incoming").json())
                .isEmpty();
        assertThat(requester.client().get("/web/profiles/" + requester.id() + "/friend_requests").json()).isEmpty();
        assertThat(asked.client().get("/web/profiles/" + asked.id() + "/friend_requests?direction=incoming").json())
                .isEmpty();
        projections.awaitCaughtUp(ReadModels.NOTIFICATIONS);
        assertThat(notifications(friend)).as("no word of the block").hasSize(friendsNotifications);

        // a friend request either way is refused as any request that does not fit the pair
        for (Member[] pair : List.of(new Member[]{me, friend}, new Member[]{friend, me},
                new Member[]{requester, me}, new Member[]{me, asked})) {
            ApiClient.Response refused = Friends.request(pair[0], pair[1]);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("message").asText()).isEqualTo("UnexpectedRelationshipState");
        }
    }

    @Test
    void neitherSeesNorTouchesTheOthersPostsWhereverTheyAre() {
        Member me = Members.register(port, "Blocker");
        Member pest = Members.register(port, "Pest");
        Member mutual = Members.register(port, "Mutual");
        befriend(me, pest);
        befriend(me, mutual);
        befriend(pest, mutual);
        String mine = Posts.write(me, me, "mine, public", "PUBLIC");
        String pestsOnMyWall = Posts.write(pest, me, "pest on my wall", "PUBLIC");
        String pests = Posts.write(pest, pest, "pest's own", "PUBLIC");
        String pestsOnMutual = Posts.write(pest, mutual, "pest on the mutual wall", "PUBLIC");
        String minesOnMutual = Posts.write(me, mutual, "mine on the mutual wall", "PUBLIC");
        String mutuals = Posts.write(mutual, mutual, "the mutual friend's own", "PUBLIC");
        assertThat(Posts.wholeFeed(me, 3)).contains("pest on the mutual wall");

        assertThat(block(me, pest)).isEqualTo(204);

        assertThat(Posts.wholeWall(me, me)).containsExactly("mine, public");
        assertThat(Posts.wholeWall(me, pest)).isEmpty();
        assertThat(Posts.wholeWall(me, mutual)).containsExactly("the mutual friend's own", "mine on the mutual wall");
        assertThat(Posts.wholeFeed(me, 3)).containsExactly("the mutual friend's own", "mine on the mutual wall",
                "mine, public");
        assertThat(Posts.wholeWall(pest, me)).isEmpty();
        assertThat(Posts.wholeWall(pest, pest)).containsExactly("pest's own");
        assertThat(Posts.wholeWall(pest, mutual)).containsExactly("the mutual friend's own",
                "pest on the mutual wall");
        assertThat(Posts.wholeFeed(pest, 3)).containsExactly("the mutual friend's own", "pest on the mutual wall",
                "pest's own");
        assertThat(Posts.wholeWall(mutual, mutual)).as("others see everything as before").hasSize(3);
        assertThat(Posts.wholeWall(mutual, me)).hasSize(2);

        for (String post : List.of(pestsOnMyWall, pests, pestsOnMutual)) {
            assertHiddenFrom(me, post);
        }
        for (String post : List.of(mine, pestsOnMyWall, minesOnMutual)) {
            assertHiddenFrom(pest, post);
        }
        assertThat(like(pest, mutuals)).as("what neither wrote nor hosts stays open").isEqualTo(200);
        assertThat(mutual.client().get("/web/posts/" + pestsOnMyWall).status()).isEqualTo(200);
    }

    @Test
    void profilesFriendListsSearchSuggestionsAndConnectionsLeaveTheOtherOut() {
        Member me = Members.register(port, "Blocker");
        Member pest = Members.register(port, "Pest");
        Member mutual = Members.register(port, "Mutual");
        befriend(me, mutual);
        befriend(pest, mutual);
        assertThat(suggestions(me)).contains(pest.username());
        assertThat(suggestions(pest)).contains(me.username());
        assertThat(me.client().get(connection(me, pest)).status()).isEqualTo(200);

        assertThat(block(me, pest)).isEqualTo(204);

        assertThat(pest.client().get("/web/profiles/" + me.id()).status()).as("as if there were no such member")
                .isEqualTo(404);
        assertThat(me.client().get("/web/profiles/" + pest.id()).json().get("username").asText())
                .as("the blocker still gets what their list of blocks shows").isEqualTo(pest.username());
        assertThat(friendUsernames(pest, me)).isEmpty();
        assertThat(friendUsernames(me, pest)).isEmpty();
        assertThat(friendUsernames(mutual, me)).as("others see as before").containsExactly(mutual.username());
        assertThat(search(me, pest.username())).isEmpty();
        assertThat(search(pest, me.username())).isEmpty();
        assertThat(search(mutual, pest.username())).containsExactly(pest.username());
        assertThat(search(mutual, me.username())).containsExactly(me.username());
        assertThat(suggestions(me)).doesNotContain(pest.username());
        assertThat(suggestions(pest)).doesNotContain(me.username());
        assertThat(suggestionsByMutualFriends(me)).doesNotContain(pest.username());
        assertThat(suggestionsByMutualFriends(pest)).doesNotContain(me.username());
        assertThat(me.client().get(connection(me, pest)).status()).isEqualTo(404);
        assertThat(pest.client().get(connection(pest, me)).status()).isEqualTo(404);
        assertThat(mutual.client().get(connection(mutual, pest)).status()).isEqualTo(200);
    }

    @Test
    void aBlockedMemberFindsNoChainThroughTheOneWhoBlocksThem() {
        Member me = Members.register(port, "Blocker");
        Member between = Members.register(port, "Between");
        Member beyond = Members.register(port, "Beyond");
        befriend(me, between);
        befriend(between, beyond);
        assertThat(beyond.client().get(connection(beyond, me)).status()).isEqualTo(200);

        assertThat(block(between, beyond)).isEqualTo(204);

        assertThat(me.client().get(connection(me, beyond)).status())
                .as("no chain runs through a pair that blocks").isEqualTo(404);
        assertThat(beyond.client().get(connection(beyond, me)).status()).isEqualTo(404);
    }

    @Test
    void chatMessagesAcrossABlockAreRefusedOnTheSocketAndByTheConversationItself() {
        Member me = Members.register(port, "Blocker");
        Member pest = Members.register(port, "Pest");
        UUID chat = ChatGroupId.of(me.id(), pest.id());
        try (Socket mine = Socket.open(port, me.client().accessToken());
             Socket pests = Socket.open(port, pest.client().accessToken())) {
            befriend(me, pest);
            mine.await("add_friend", added -> true);
            pests.await("add_friend", added -> true);

            assertThat(block(me, pest)).isEqualTo(204);
            pests.send("/app/chat_message", chatMessage(chat, "still there?", "p-1"));
            pests.await("error", error -> true);
            mine.send("/app/chat_message", chatMessage(chat, "go away", "m-1"));
            mine.await("error", error -> true);
            assertThat(mine.hasReceived("chat_message")).isFalse();
            assertThat(pests.hasReceived("chat_message")).isFalse();
        }

        // the conversation re-opened behind the block's back (as a late process step could): still refused
        commands.sendAndWait(new OpenConversation(chat, me.id(), me.username(), pest.id(), pest.username()));
        assertThatThrownBy(() -> commands.sendAndWait(new PostMessage(chat, UUID.randomUUID(), pest.id(),
                pest.username(), "let me in", "p-2")))
                .isInstanceOf(NotInConversation.class);
        assertThatThrownBy(() -> commands.sendAndWait(new PostMessage(chat, UUID.randomUUID(), me.id(),
                me.username(), "nor me", "m-2")))
                .isInstanceOf(NotInConversation.class);
    }

    @Test
    void unblockingRestoresNothingButLetsThemStartAgain() {
        Member me = Members.register(port, "Blocker");
        Member pest = Members.register(port, "Pest");
        befriend(me, pest);
        Posts.write(pest, pest, "pest's own", "PUBLIC");
        assertThat(block(me, pest)).isEqualTo(204);

        assertThat(unblock(me, pest)).isEqualTo(204);

        assertThat(Friends.relationship(me, pest)).isEqualTo("NONE");
        assertThat(friendUsernames(me, me)).isEmpty();
        assertThat(me.client().get("/web/profiles/" + me.id() + "/conversations").json()).isEmpty();
        assertThat(Posts.wholeWall(me, pest)).containsExactly("pest's own");
        assertThat(pest.client().get("/web/profiles/" + me.id()).status()).isEqualTo(200);
        assertThat(search(pest, me.username())).containsExactly(me.username());
        befriend(pest, me);
        assertThat(Friends.relationship(me, pest)).isEqualTo("FRIEND");
    }

    @Test
    void aBlockEitherWayIsEnoughAndLiftingOneLeavesTheOther() {
        Member one = Members.register(port, "Blocker");
        Member two = Members.register(port, "Blocker");
        assertThat(block(one, two)).isEqualTo(204);
        assertThat(block(two, one)).isEqualTo(204);

        assertThat(unblock(one, two)).isEqualTo(204);

        assertThat(Friends.request(one, two).status()).isEqualTo(400);
        assertThat(Friends.request(two, one).status()).isEqualTo(400);
        assertThat(one.client().get("/web/profiles/" + two.id()).status()).isEqualTo(404);
        assertThat(two.client().get(blocksOf(two)).json()).hasSize(1);
    }

    private void assertHiddenFrom(Member member, String post) {
        assertThat(member.client().get("/web/posts/" + post).status()).as("reading").isEqualTo(404);
        assertThat(member.client().get("/web/posts/" + post + "/comments").status()).as("comments").isEqualTo(404);
        assertThat(member.client().post("/web/posts/" + post + "/comments", Map.of("content", "hey")).status())
                .as("commenting").isEqualTo(404);
        assertThat(like(member, post)).as("liking").isEqualTo(404);
    }

    private int like(Member member, String post) {
        return member.client().send("POST", "/web/posts/" + post + "/likes", BodyPublishers.noBody(), Map.of())
                .status();
    }

    private static int block(Member me, Member other) {
        return me.client().send("PUT", blocksOf(me) + "/" + other.id(), BodyPublishers.noBody(), Map.of()).status();
    }

    private static int unblock(Member me, Member other) {
        return me.client().send("DELETE", blocksOf(me) + "/" + other.id(), BodyPublishers.noBody(), Map.of())
                .status();
    }

    private static String blocksOf(Member me) {
        return "/web/profiles/" + me.id() + "/blocks";
    }

    private static String connection(Member me, Member other) {
        return "/web/profiles/" + me.id() + "/connection/" + other.id();
    }

    private static List<String> friendUsernames(Member reader, Member of) {
        return Friends.page(reader.client(), "/web/profiles/" + of.id() + "/friends", null, 50);
    }

    private static List<String> suggestions(Member me) {
        return Friends.page(me.client(), "/web/profiles/" + me.id() + "/friend_suggestions", null, 50);
    }

    private static List<String> suggestionsByMutualFriends(Member me) {
        return Friends.page(me.client(), "/web/profiles/" + me.id() + "/friend_suggestions?sort=mutual", null, 50);
    }

    private static List<String> search(Member me, String username) {
        return Friends.page(me.client(), "/web/profiles?username_query="
                + URLEncoder.encode(username, StandardCharsets.UTF_8), null, 5);
    }

    private static List<JsonNode> notifications(Member member) {
        List<JsonNode> all = new ArrayList<>();
        member.client().get("/web/profiles/" + member.id() + "/notifications?limit=20").json().forEach(all::add);
        return all;
    }
}
