package org.bunnybook.web.friendship;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.web.support.Friends.*;

@BunnybookTest
class FriendshipLifecycleTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyTransitionSeenFromBothSides() {
        Member hazel = Members.register(port, "Hazel");
        Member fiver = Members.register(port, "Fiver");
        assertThat(relationship(hazel, hazel)).isEqualTo("SELF");
        assertThat(relationship(hazel, fiver)).isEqualTo("NONE");

        assertThat(request(hazel, fiver).status()).isEqualTo(201);
        assertThat(relationship(hazel, fiver)).isEqualTo("OUTGOING_FRIEND_REQUEST");
        assertThat(relationship(fiver, hazel)).isEqualTo("INCOMING_FRIEND_REQUEST");
        assertThat(all(hazel.client(), "/web/profiles/" + hazel.id() + "/friend_requests")).containsExactly(fiver.username());
        assertThat(all(fiver.client(), "/web/profiles/" + fiver.id() + "/friend_requests?direction=incoming"))
                .containsExactly(hazel.username());
        assertThat(all(fiver.client(), "/web/profiles/" + fiver.id() + "/friend_requests?direction=outgoing")).isEmpty();

        assertThat(reject(fiver, hazel).status()).isEqualTo(204);
        assertThat(relationship(hazel, fiver)).isEqualTo("NONE");
        assertThat(relationship(fiver, hazel)).isEqualTo("NONE");

        assertThat(request(hazel, fiver).status()).isEqualTo(201);
        assertThat(cancel(hazel, fiver).status()).isEqualTo(204);
        assertThat(relationship(fiver, hazel)).isEqualTo("NONE");
        assertThat(all(fiver.client(), "/web/profiles/" + fiver.id() + "/friend_requests?direction=incoming")).isEmpty();

        assertThat(request(fiver, hazel).status()).isEqualTo(201);
        assertThat(accept(hazel, fiver).status()).isEqualTo(201);
        assertThat(relationship(hazel, fiver)).isEqualTo("FRIEND");
        assertThat(relationship(fiver, hazel)).isEqualTo("FRIEND");
        assertThat(all(new ApiClient(port), "/web/profiles/" + hazel.id() + "/friends")).containsExactly(fiver.username());
        assertThat(all(new ApiClient(port), "/web/profiles/" + fiver.id() + "/friends")).containsExactly(hazel.username());
        assertThat(friendshipRows(hazel.id(), fiver.id())).isEqualTo(2);

        assertThat(unfriend(hazel, fiver).status()).isEqualTo(204);
        assertThat(relationship(hazel, fiver)).isEqualTo("NONE");
        assertThat(relationship(fiver, hazel)).isEqualTo("NONE");
        assertThat(all(new ApiClient(port), "/web/profiles/" + hazel.id() + "/friends")).isEmpty();
        assertThat(friendshipRows(hazel.id(), fiver.id())).isZero();

        // and the pair can start again; the other friend may end it too
        befriend(hazel, fiver);
        assertThat(unfriend(fiver, hazel).status()).isEqualTo(204);
        assertThat(relationship(hazel, fiver)).isEqualTo("NONE");
    }

    @Test
    void friendsCountsFollowEveryChange() {
        Member center = Members.register(port, "Center");
        List<Member> others = List.of(Members.register(port, "Spoke"), Members.register(port, "Spoke"),
                Members.register(port, "Spoke"));
        others.forEach(other -> befriend(center, other));
        assertThat(all(new ApiClient(port), "/web/profiles/" + center.id() + "/friends")).hasSize(3);
        assertThat(friendsInTable(center.id())).isEqualTo(3);
        unfriend(others.get(0), center);
        assertThat(all(new ApiClient(port), "/web/profiles/" + center.id() + "/friends")).hasSize(2);
        assertThat(all(new ApiClient(port), "/web/profiles/" + others.get(0).id() + "/friends")).isEmpty();
        assertThat(friendsInTable(center.id())).isEqualTo(2);
    }

    @Test
    void actionsThatDoNotFitTheRelationshipAre400() {
        Member a = Members.register(port, "Holly");
        Member b = Members.register(port, "Bluebell");
        assertUnexpected(request(a, a));
        assertUnexpected(accept(b, a));          // nothing was requested
        assertUnexpected(reject(b, a));
        assertUnexpected(cancel(a, b));
        assertUnexpected(unfriend(a, b));
        assertThat(request(a, b).status()).isEqualTo(201);
        assertUnexpected(request(a, b));         // twice
        assertUnexpected(request(b, a));         // towards a pending request
        assertUnexpected(accept(a, b));          // the requester cannot accept
        assertUnexpected(reject(a, b));          // nor reject
        assertUnexpected(cancel(b, a));          // the target cannot cancel
        assertUnexpected(unfriend(b, a));
        assertThat(accept(b, a).status()).isEqualTo(201);
        assertUnexpected(request(b, a));         // already friends
        assertUnexpected(accept(b, a));
        assertUnexpected(cancel(a, b));
        assertThat(relationship(a, b)).isEqualTo("FRIEND");
    }

    @Test
    void nobodyActsForSomeoneElse() {
        Member a = Members.register(port, "Kehaar");
        Member b = Members.register(port, "Pipkin");
        Member intruder = Members.register(port, "General");
        String me = "/web/profiles/" + a.id();
        List<String[]> actions = List.of(
                new String[]{"POST", me + "/outgoing_friend_requests/" + b.id()},
                new String[]{"POST", me + "/friends/" + b.id()},
                new String[]{"DELETE", me + "/incoming_friend_requests/" + b.id()},
                new String[]{"DELETE", me + "/outgoing_friend_requests/" + b.id()},
                new String[]{"DELETE", me + "/friends/" + b.id()},
                new String[]{"GET", me + "/friend_suggestions"},
                new String[]{"GET", me + "/friends/" + b.id() + "/mutual_friends"},
                new String[]{"GET", me + "/friend_requests"},
                new String[]{"GET", me + "/friend_requests?direction=incoming"});
        for (String[] action : actions) {
            var asIntruder = intruder.client().send(action[0], action[1], BodyPublishers.noBody(), Map.of());
            assertThat(asIntruder.status()).as("intruder " + action[0] + " " + action[1]).isEqualTo(403);
            assertThat(asIntruder.json().get("detail").asText()).isEqualTo("Forbidden");
            var anonymous = new ApiClient(port).send(action[0], action[1], BodyPublishers.noBody(), Map.of());
            assertThat(anonymous.status()).as("anonymous " + action[0] + " " + action[1]).isEqualTo(401);
        }
        assertThat(relationship(a, b)).isEqualTo("NONE");
        // public reads stay public
        assertThat(new ApiClient(port).get(me + "/friends").status()).isEqualTo(200);
        assertThat(new ApiClient(port).get(me + "/relationships/" + b.id()).status()).isEqualTo(200);
    }

    @Test
    void requestingAnUnknownMemberIs404AndBadParametersAre422() {
        Member a = Members.register(port, "Lonely");
        assertThat(a.client().post("/web/profiles/" + a.id() + "/outgoing_friend_requests/" + UUID.randomUUID(), "")
                .status()).isEqualTo(404);
        String me = "/web/profiles/" + a.id();
        for (String bad : List.of(me + "/friends?limit=0", me + "/friends?limit=51", me + "/friends?limit=x",
                me + "/friend_suggestions?sort=random", me + "/friend_requests?direction=sideways",
                me + "/friends?username_gt=" + "a".repeat(40), "/web/profiles/not-a-uuid/friends")) {
            assertThat(a.client().get(bad).status()).as(bad).isEqualTo(422);
        }
    }

    private void assertUnexpected(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.json().get("message").asText()).isEqualTo("UnexpectedRelationshipState");
    }

    private long friendshipRows(UUID a, UUID b) {
        return jdbc.sql("SELECT count(*) FROM friendships WHERE profile_id IN (:a, :b) AND friend_id IN (:a, :b)")
                .param("a", a).param("b", b).query(Long.class).single();
    }

    private long friendsInTable(UUID profile) {
        return jdbc.sql("SELECT count(*) FROM friendships WHERE profile_id = :id").param("id", profile)
                .query(Long.class).single();
    }
}
