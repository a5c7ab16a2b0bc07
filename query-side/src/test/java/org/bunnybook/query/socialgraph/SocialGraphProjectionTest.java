package org.bunnybook.query.socialgraph;

import io.micrometer.core.instrument.MeterRegistry;
import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.block.MemberBlocked;
import org.bunnybook.api.friendship.FindFriendRequests;
import org.bunnybook.api.friendship.FindFriendRequests.Direction;
import org.bunnybook.api.friendship.FindFriendSuggestions;
import org.bunnybook.api.friendship.FindFriends;
import org.bunnybook.api.friendship.FindMutualFriends;
import org.bunnybook.api.friendship.FindRelationship;
import org.bunnybook.api.friendship.Relationship;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.EmbeddedReadModelStores;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The social graph in Neo4j, read through its (cached) queries, on the schema Neo4j-Migrations applies (as in the
 * application, before the projection starts).
 */
@ReadModelTest({
        SocialGraphProjection.class, GraphWrites.class, GraphWritesConfiguration.class, SocialGraphQueries.class,
        GraphReadsConfiguration.class, HomeDatabase.class, SocialGraphCache.class})
// over Bolt, as against a Neo4j server: relationships and friends pages then go through the friendship cache, whose
// retirements these tests check with the graph (read in this JVM, the cache is not read: GraphReadsTest); the
// projection writes over Bolt too, as it does to a server (the application's other tests write in this JVM)
@TestPropertySource(properties = {"bunnybook.social-graph.read-in-process=false",
        "bunnybook.social-graph.write-in-process=false"})
class SocialGraphProjectionTest {

    @Autowired
    ProjectionEvents events;

    @Autowired
    SocialGraphQueries graph;

    @Autowired
    Driver neo4j;

    @Autowired
    GraphReads reads;

    @Autowired
    MeterRegistry meters;

    @Test
    void theGraphIsReadOverBoltAndItsMostAskedAnswersThroughTheCache() {
        assertThat(reads).isInstanceOf(BoltGraphReads.class);
        List<Bunny> bunnies = Bunny.named("nia", "oz");
        Bunny nia = bunnies.get(0), oz = bunnies.get(1);
        befriend(nia, oz);
        double hitsBefore = cacheHits();

        for (int i = 0; i < 3; i++) {
            assertThat(relationship(nia, oz)).isEqualTo(Relationship.FRIEND);
            assertThat(graph.handle(new FindFriends(nia.id(), null, 10))).containsExactly(summary(oz));
        }

        // the first of each is filed; the later ones are hits (unless a hold sent one around the cache)
        assertThat(cacheHits() - hitsBefore).isGreaterThanOrEqualTo(2);
    }

    private double cacheHits() {
        return meters.counter("bunnybook.cache.hits", "cache", SocialGraphCache.NAME).count();
    }

    /**
     * Mutual friends start from both members, found by the unique index on their ids, whatever the statistics say
     * (a plan that walks the {@code key} index in order reads every profile), and keep the second member's friends
     * found among the first's, rather than joining both in a hash table.
     */
    @Test
    void mutualFriendsStartFromBothMembersByTheirIds() {
        List<String> operators = PlanOperators.of(neo4j, SocialGraphQueries.MUTUAL_FRIENDS, Map.of(
                "id", UUID.randomUUID().toString(), "other", UUID.randomUUID().toString(), "after", "", "limit", 10));
        assertThat(operators).as(operators.toString())
                .filteredOn(operator -> operator.startsWith("NodeUniqueIndexSeek")).hasSize(2);
        assertThat(operators).as(operators.toString())
                .noneMatch(operator -> operator.contains("Scan") || operator.contains("HashJoin"));
    }

    /**
     * A→Z suggestions check no label beyond their member's seek (whoever a friendship leads to is a profile, and the
     * check read each of a member's ~2,500 friends of friends once more), and the walk of the key index keeps its
     * order up to the page's limit (a {@code Top} there would read the whole index before answering).
     */
    @Test
    void suggestionsCheckNoLabelAndWalkTheKeyIndexInOrder() {
        List<String> operators = PlanOperators.withDetails(neo4j, SocialGraphQueries.SUGGESTIONS, Map.of(
                "id", UUID.randomUUID().toString(), "after", "", "limit", 10,
                "entriesPerKeyRead", SocialGraphQueries.INDEX_ENTRIES_PER_KEY_READ));
        assertThat(operators).as(operators.toString())
                .filteredOn(operator -> operator.contains(":Profile"))
                .map(operator -> operator.substring(0, operator.indexOf(':')))
                .containsExactlyInAnyOrder("NodeUniqueIndexSeek", "NodeCountFromCountStore", "NodeIndexSeekByRange");
        assertThat(operators).as(operators.toString())
                .anyMatch(operator -> operator.startsWith("Limit"))
                .noneMatch(operator -> operator.startsWith("Sort: p"))
                .filteredOn(operator -> operator.startsWith("Top")).hasSize(1); // the sorting branch's
    }

    /**
     * Both ways of ordering suggestions give the same pages: walking the key index (forced by counting any number of
     * entries cheaper than a key read) and sorting the candidates' keys (forced by counting none cheaper). Among the
     * candidates' keys sort a stranger and a blocked friend of a friend, whom neither way may suggest; and when the
     * candidates are sorted, the walk's seek reads nothing.
     */
    @Test
    void suggestionsComePageByPageAlikeWalkingTheKeyIndexOrSortingTheCandidates() {
        Bunny me = Bunny.named("una");
        Bunny left = Bunny.named("vic");
        Bunny right = Bunny.named("wes");
        befriend(me, left);
        befriend(me, right);
        befriend(left, right); // a friend of a friend who is a friend already: never suggested
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            Bunny candidate = Bunny.named("cand" + i);
            if (i <= 6) {
                befriend(left, candidate);
            }
            if (i >= 4) {
                befriend(right, candidate); // 4 to 6 by both friends: suggested once
            }
            expected.add(candidate.username());
        }
        Bunny stranger = Bunny.named("cand5");
        befriend(stranger, Bunny.named("cand55"));
        Bunny blocking = Bunny.named("cand3");
        befriend(left, blocking);
        events.given(me.friendshipWith(blocking),
                new MemberBlocked(me.friendshipWith(blocking), blocking.id(), me.id()));
        expected.sort(String.CASE_INSENSITIVE_ORDER);

        for (int entriesPerKeyRead : new int[]{0, Integer.MAX_VALUE}) {
            List<String> pages = new ArrayList<>();
            String after = "";
            for (List<String> page = List.of("first"); !page.isEmpty(); ) {
                page = suggestions(me, after, entriesPerKeyRead);
                pages.addAll(page);
                after = page.isEmpty() ? after : page.get(page.size() - 1).toLowerCase(Locale.ROOT);
            }
            assertThat(pages).as("%d index entries per key read", entriesPerKeyRead)
                    .containsExactlyElementsOf(expected);
            assertThat(suggestions(stranger, "", entriesPerKeyRead)).as("a member whose friend has no other friend")
                    .isEmpty();
            assertThat(suggestions(Bunny.named("nobody"), "", entriesPerKeyRead)).as("a member unknown to the graph")
                    .isEmpty();
        }
        assertThat(graph.handle(new FindFriendSuggestions(me.id(), null, 4, false)))
                .map(ProfileSummary::username).containsExactlyElementsOf(expected.subList(0, 4));
        assertThat(PlanOperators.hits(neo4j, SocialGraphQueries.SUGGESTIONS, Map.of("id", me.id().toString(),
                        "after", "", "limit", 4, "entriesPerKeyRead", 0), "NodeIndexSeekByRange"))
                .as("the walk's seek when the candidates are sorted").isLessThanOrEqualTo(1);
    }

    private List<String> suggestions(Bunny member, String after, int entriesPerKeyRead) {
        return reads.profiles(SocialGraphQueries.SUGGESTIONS, Map.of("id", member.id().toString(), "after", after,
                        "limit", 4, "entriesPerKeyRead", entriesPerKeyRead)).stream()
                .map(ProfileSummary::username).toList();
    }

    @Test
    void aRequestIsOutgoingForOneAndIncomingForTheOtherUntilAccepted() {
        List<Bunny> bunnies = Bunny.named("ann", "bob");
        Bunny ann = bunnies.get(0), bob = bunnies.get(1);
        events.given(ann.id(), ann.registers());
        events.given(bob.id(), bob.registers());
        events.given(ann.friendshipWith(bob), ann.asksToBefriend(bob));

        assertThat(relationship(ann, bob)).isEqualTo(Relationship.OUTGOING_FRIEND_REQUEST);
        assertThat(relationship(bob, ann)).isEqualTo(Relationship.INCOMING_FRIEND_REQUEST);
        assertThat(graph.handle(new FindFriendRequests(bob.id(), Direction.INCOMING, null, 10))).containsExactly(
                summary(ann));
        assertThat(graph.handle(new FindFriendRequests(ann.id(), Direction.OUTGOING, null, 10))).containsExactly(
                summary(bob));

        events.given(ann.friendshipWith(bob), bob.accepts(ann));

        assertThat(relationship(ann, bob)).isEqualTo(Relationship.FRIEND);
        assertThat(relationship(bob, ann)).isEqualTo(Relationship.FRIEND);
        assertThat(graph.handle(new FindFriendRequests(bob.id(), Direction.INCOMING, null, 10))).isEmpty();
        assertThat(graph.handle(new FindFriends(ann.id(), null, 10))).containsExactly(summary(bob));
    }

    @Test
    void rejectedCancelledAndUnfriendedPairsAreStrangersAgain() {
        List<Bunny> bunnies = Bunny.named("cat", "dan", "eve");
        Bunny cat = bunnies.get(0), dan = bunnies.get(1), eve = bunnies.get(2);
        events.given(cat.friendshipWith(dan), cat.asksToBefriend(dan), dan.rejects(cat));
        events.given(cat.friendshipWith(eve), cat.asksToBefriend(eve), cat.cancelsRequestTo(eve));
        events.given(dan.friendshipWith(eve), dan.asksToBefriend(eve), eve.accepts(dan), eve.unfriends(dan));

        assertThat(relationship(cat, dan)).isEqualTo(Relationship.NONE);
        assertThat(relationship(eve, cat)).isEqualTo(Relationship.NONE);
        assertThat(relationship(dan, eve)).isEqualTo(Relationship.NONE);
        assertThat(graph.handle(new FindFriends(eve.id(), null, 10))).isEmpty();
    }

    @Test
    void friendsOfFriendsAreSuggestedAndMutualFriendsFound() {
        List<Bunny> bunnies = Bunny.named("fay", "gus", "hal", "ivy");
        Bunny fay = bunnies.get(0), gus = bunnies.get(1), hal = bunnies.get(2), ivy = bunnies.get(3);
        befriend(fay, gus);
        befriend(fay, hal);
        befriend(gus, ivy);
        befriend(hal, ivy);
        befriend(gus, hal);

        assertThat(graph.handle(new FindMutualFriends(fay.id(), ivy.id(), null, 10)))
                .containsExactly(summary(gus), summary(hal));
        assertThat(graph.handle(new FindMutualFriends(fay.id(), ivy.id(), gus.username(), 10)))
                .containsExactly(summary(hal));
        assertThat(graph.handle(new FindMutualFriends(fay.id(), fay.id(), null, 10))).as("with oneself").isEmpty();
        assertThat(graph.handle(new FindMutualFriends(fay.id(), UUID.randomUUID(), null, 10))).isEmpty();
        assertThat(graph.handle(new FindFriendSuggestions(fay.id(), null, 10, true))).containsExactly(summary(ivy));
        assertThat(graph.handle(new FindFriends(fay.id(), gus.username(), 10))).containsExactly(summary(hal));
    }

    /**
     * Where the graph runs in this JVM, mutual friends are walked through Neo4j's API instead of asked in Cypher: the
     * same members in the same order, page by page, whatever the page starts after (usernames are ASCII, the
     * {@code username_gt} a reader sends need not be).
     */
    @Test
    void mutualFriendsWalkedInThisJvmAreThoseCypherFinds() {
        List<Bunny> bunnies = Bunny.named(
                "me", "you", "Zed", "ann", "a_nn", "a-nn", "a.nn", "9lives", "bob", "stranger");
        Bunny me = bunnies.get(0), you = bunnies.get(1);
        for (Bunny friend : bunnies.subList(2, 9)) {
            befriend(me, friend);
            befriend(friend, you);
        }
        befriend(me, bunnies.get(9)); // a friend of one of them only
        GraphReads inThisJvm =
                new InProcessGraphReads(EmbeddedReadModelStores.neo4j().database(), Duration.ofSeconds(10),
                        Clock.systemUTC());

        for (String after : new String[]{"", "a", "a.", "ann", "bob", "\uFF21", "\uD83D\uDC30", "\uFFFF"}) {
            for (int limit : new int[]{1, 3, 10}) {
                List<ProfileSummary> walked = inThisJvm.walkInThisJvm(transaction -> MutualFriendsWalk.of(
                        transaction, me.id().toString(), you.id().toString(), after, limit)).orElseThrow();
                List<ProfileSummary> asked = reads.profiles(SocialGraphQueries.MUTUAL_FRIENDS, Map.of(
                        "id", me.id().toString(), "other", you.id().toString(), "after", after, "limit", limit));
                assertThat(walked).as("after '%s', at most %d", after, limit).isEqualTo(asked);
            }
        }
        assertThat(reads.profiles(SocialGraphQueries.MUTUAL_FRIENDS, Map.of("id", me.id().toString(),
                "other", you.id().toString(), "after", "", "limit", 10))).hasSize(7);
        assertThat(inThisJvm.walkInThisJvm(transaction -> MutualFriendsWalk.of(transaction, me.id().toString(),
                UUID.randomUUID().toString(), "", 10))).contains(List.of());
    }

    @Test
    void anEventHandledTwiceOrAnOlderOneHandledLateChangesNothing() {
        List<Bunny> bunnies = Bunny.named("jay", "kim");
        Bunny jay = bunnies.get(0), kim = bunnies.get(1);
        var history = events.given(jay.friendshipWith(kim), jay.asksToBefriend(kim), kim.accepts(jay));
        var friends = graph.handle(new FindFriends(jay.id(), null, 10));

        events.deliver(history); // the request again, then the acceptance again
        events.deliver(history.subList(0, 1)); // and the request once more, after the acceptance

        assertThat(relationship(jay, kim)).isEqualTo(Relationship.FRIEND);
        assertThat(graph.handle(new FindFriends(jay.id(), null, 10))).isEqualTo(friends).containsExactly(summary(kim));
        assertThat(graph.handle(new FindFriendRequests(kim.id(), Direction.INCOMING, null, 10))).isEmpty();
    }

    @Test
    void aResetEmptiesTheGraphAndTheCachedAnswersAboutIt() {
        List<Bunny> bunnies = Bunny.named("lou", "max");
        Bunny lou = bunnies.get(0), max = bunnies.get(1);
        befriend(lou, max);
        assertThat(relationship(lou, max)).isEqualTo(Relationship.FRIEND); // and now cached

        events.reset();

        assertThat(relationship(lou, max)).isEqualTo(Relationship.NONE);
        assertThat(graph.handle(new FindFriends(lou.id(), null, 10))).isEmpty();
    }

    /**
     * A friend with more friends than are counted per friend ({@link SocialGraphQueries#RANKED_PER_FRIEND}): the
     * ranking still comes, from a bounded part of that friend's circle, and whatever comes is right: friends of
     * friends only, each once, those with more mutual friends first.
     */
    @Test
    void aFriendWithAHugeCircleLeavesRankedSuggestionsBoundedAndRight() {
        Bunny me = Bunny.named("nia");
        Bunny star = Bunny.named("star");
        Bunny ola = Bunny.named("ola");
        Bunny pam = Bunny.named("pam");
        Bunny both = Bunny.named("zed");    // a friend of ola and pam: two mutual friends
        Bunny one = Bunny.named("abe");     // a friend of ola only, first A-Z among those with one
        befriend(me, star);
        befriend(me, ola);
        befriend(me, pam);
        befriend(ola, both);
        befriend(pam, both);
        befriend(ola, one);
        int circle = SocialGraphQueries.RANKED_PER_FRIEND + 50;
        Set<String> starsFriends = new HashSet<>();
        for (int i = 0; i < circle; i++) {
            Bunny fan = Bunny.named("fan" + i);
            befriend(fan, star);
            starsFriends.add(fan.username());
        }

        List<String> ranked = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            List<String> next = graph.handle(new FindFriendSuggestions(me.id(), after, 50, true)).stream()
                    .map(ProfileSummary::username).toList();
            if (next.isEmpty()) {
                break;
            }
            ranked.addAll(next);
            after = next.get(next.size() - 1);
        }

        assertThat(ranked).startsWith(both.username(), one.username()).doesNotHaveDuplicates()
                .doesNotContain(me.username(), star.username(), ola.username(), pam.username());
        // the star's counted circle may hold me too
        assertThat(ranked.subList(2, ranked.size())).allMatch(starsFriends::contains)
                .hasSizeBetween(SocialGraphQueries.RANKED_PER_FRIEND - 1, SocialGraphQueries.RANKED_PER_FRIEND);
        assertThat(graph.handle(new FindFriendSuggestions(me.id(), null, 500, false))).hasSize(circle + 2);
    }

    private void befriend(Bunny requester, Bunny target) {
        events.given(requester.friendshipWith(target), requester.asksToBefriend(target), target.accepts(requester));
    }

    private Relationship relationship(Bunny from, Bunny to) {
        return graph.handle(new FindRelationship(from.id(), to.id()));
    }

    private static ProfileSummary summary(Bunny bunny) {
        return new ProfileSummary(bunny.id(), bunny.username());
    }
}
