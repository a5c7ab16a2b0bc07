package org.bunnybook.web.friendship;

import org.bunnybook.web.support.ApiClient;
import org.bunnybook.web.support.BunnybookTest;
import org.bunnybook.web.support.Members;
import org.bunnybook.web.support.Members.Member;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bunnybook.web.support.Friends.*;

/** Mutual friends, suggestions, paging and races, through the HTTP API. */
@BunnybookTest
class SocialGraphTest {

    private static final Comparator<String> A_TO_Z = Comparator.comparing(name -> name.toLowerCase(Locale.ROOT));

    @LocalServerPort
    int port;

    private Member member(String prefix) {
        return Members.register(port, prefix);
    }

    private List<String> mutual(Member a, Member b) {
        return all(a.client(), "/web/profiles/" + a.id() + "/friends/" + b.id() + "/mutual_friends");
    }

    private List<String> suggestions(Member member, String sort) {
        return all(member.client(), "/web/profiles/" + member.id() + "/friend_suggestions"
                + (sort == null ? "" : "?sort=" + sort));
    }

    @Test
    void mutualFriendsGrowFromZeroToOneToThreeInAlphabeticalOrder() {
        Member a = member("Alpha");
        Member b = member("Beta");
        assertThat(mutual(a, b)).isEmpty();
        Member zed = member("zed");
        befriend(a, zed);
        befriend(zed, b);
        assertThat(mutual(a, b)).containsExactly(zed.username());
        assertThat(mutual(b, a)).containsExactly(zed.username());
        Member amy = member("Amy");
        Member moss = member("moss");
        for (Member common : List.of(amy, moss)) {
            befriend(a, common);
            befriend(b, common);
        }
        List<String> three = mutual(a, b);
        assertThat(three).containsExactlyInAnyOrder(zed.username(), amy.username(), moss.username());
        assertThat(three).isSortedAccordingTo(A_TO_Z);
        assertThat(page(a.client(), "/web/profiles/" + a.id() + "/friends/" + b.id() + "/mutual_friends",
                three.get(0), 1)).containsExactly(three.get(1));
    }

    @Test
    void suggestionsAreFriendsOfFriendsOnlyAndFollowEveryChange() {
        Member a = member("Sa");
        Member b = member("Sb");
        Member c = member("Sc");
        Member d = member("Sd");
        Member e = member("Se");
        befriend(a, b);
        befriend(b, c);
        befriend(b, d);
        befriend(c, e);
        assertThat(suggestions(a, null)).containsExactly(c.username(), d.username());

        befriend(a, c);
        assertThat(suggestions(a, null)).containsExactly(d.username(), e.username());

        assertThat(unfriend(a, b).status()).isEqualTo(204);
        assertThat(suggestions(a, null)).containsExactly(b.username(), e.username());

        assertThat(suggestions(e, null)).containsExactly(a.username(), b.username()).doesNotContain(e.username());
    }

    @Test
    void suggestionsRankedByMutualFriendsPageThroughTheRanking() {
        Member me = member("Ranker");
        List<Member> friends = List.of(member("F"), member("F"), member("F"));
        friends.forEach(friend -> befriend(me, friend));
        Member three = member("zz3");     // last A-Z, first by mutual friends
        Member two = member("mm2");
        Member oneA = member("aa1");
        Member oneB = member("ab1");
        friends.forEach(friend -> befriend(friend, three));
        befriend(friends.get(0), two);
        befriend(friends.get(1), two);
        befriend(friends.get(2), oneA);
        befriend(friends.get(0), oneB);

        List<String> ranked = suggestions(me, "mutual");
        assertThat(ranked).containsExactly(three.username(), two.username(), oneA.username(), oneB.username());
        String path = "/web/profiles/" + me.id() + "/friend_suggestions?sort=mutual";
        assertThat(page(me.client(), path, null, 2)).containsExactly(three.username(), two.username());
        assertThat(page(me.client(), path, two.username(), 2)).containsExactly(oneA.username(), oneB.username());
        assertThat(page(me.client(), path, oneB.username(), 2)).isEmpty();
        assertThat(suggestions(me, null)).isSortedAccordingTo(A_TO_Z).hasSize(4);
    }

    @Test
    void fortyFiveFriendsArePagedTwentyTwentyFiveWithTheCacheColdAndWarm() {
        Member center = member("Warren");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            Member friend = member("Rabbit");
            assertThat(request(center, friend).status()).isEqualTo(201);
            assertThat(accept(friend, center).status()).isEqualTo(201);
            expected.add(friend.username());
        }
        expected.sort(A_TO_Z);
        ApiClient anyone = new ApiClient(port);
        String path = "/web/profiles/" + center.id() + "/friends";
        for (String temperature : List.of("cold", "warm")) {
            List<String> first = page(anyone, path, null, 20);
            List<String> second = page(anyone, path, first.get(19), 20);
            List<String> third = page(anyone, path, second.get(19), 20);
            assertThat(first).as(temperature).hasSize(20);
            assertThat(second).as(temperature).hasSize(20);
            assertThat(third).as(temperature).hasSize(5);
            List<String> together = new ArrayList<>(first);
            together.addAll(second);
            together.addAll(third);
            assertThat(together).as(temperature).containsExactlyElementsOf(expected);
            assertThat(new HashSet<>(together)).hasSize(45);
            assertThat(page(anyone, path, third.get(4), 20)).isEmpty();
        }
        assertThat(page(anyone, path, null, 50)).containsExactlyElementsOf(expected);
    }

    @Test
    void twoMembersRequestingEachOtherAtOnceEndInOneConsistentState() throws Exception {
        Member a = member("Racer");
        Member b = member("Racer");
        for (int round = 0; round < 50; round++) {
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Integer> fromA = CompletableFuture.supplyAsync(() -> {
                await(start);
                return request(a, b).status();
            });
            CompletableFuture<Integer> fromB = CompletableFuture.supplyAsync(() -> {
                await(start);
                return request(b, a).status();
            });
            start.countDown();
            List<Integer> statuses = List.of(fromA.get(), fromB.get());
            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(201, 400);
            String seenByA = relationship(a, b);
            String seenByB = relationship(b, a);
            if (fromA.get() == 201) {
                assertThat(List.of(seenByA, seenByB)).as("round %d", round)
                        .containsExactly("OUTGOING_FRIEND_REQUEST", "INCOMING_FRIEND_REQUEST");
                assertThat(cancel(a, b).status()).isEqualTo(204);
            } else {
                assertThat(List.of(seenByA, seenByB)).as("round %d", round)
                        .containsExactly("INCOMING_FRIEND_REQUEST", "OUTGOING_FRIEND_REQUEST");
                assertThat(cancel(b, a).status()).isEqualTo(204);
            }
            assertThat(relationship(a, b)).isEqualTo("NONE");
        }
    }

    @Test
    void cypherInjectionInUsernameGtIsJustText() {
        Member center = member("Target");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Member friend = member("inj");
            befriend(center, friend);
            names.add(friend.username());
        }
        names.sort(A_TO_Z);
        String path = "/web/profiles/" + center.id() + "/friends";
        for (String hostile : List.of("x' OR 1=1 //", "\") RETURN 1 //", "'}) MATCH (n) DETACH DELETE n //",
                "$id", "a` OR true", "\\u0000", "%", "_")) {
            List<String> expected = names.stream()
                    .filter(name -> name.toLowerCase(Locale.ROOT).compareTo(hostile.toLowerCase(Locale.ROOT)) > 0)
                    .toList();
            assertThat(page(new ApiClient(port), path, hostile, 50)).as(hostile).containsExactlyElementsOf(expected);
            String me = "/web/profiles/" + center.id();
            for (String other : List.of(me + "/friend_suggestions", me + "/friend_suggestions?sort=mutual",
                    me + "/friends/" + UUID.randomUUID() + "/mutual_friends", me + "/friend_requests",
                    me + "/friend_requests?direction=incoming")) {
                assertThat(page(center.client(), other, hostile, 50)).as(hostile + " on " + other).isEmpty();
            }
        }
        assertThat(all(new ApiClient(port), path)).containsExactlyElementsOf(names);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
