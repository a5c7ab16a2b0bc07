package org.bunnybook.query.socialgraph;

import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.block.MemberBlocked;
import org.bunnybook.api.friendship.FindFriendSuggestions;
import org.bunnybook.query.cache.GenerationalCache;
import org.bunnybook.query.testing.Bunny;
import org.bunnybook.query.testing.ProjectionEvents;
import org.bunnybook.query.testing.ReadModelTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suggestions A→Z and ranked by mutual friends, walked in this JVM (the run mode's way) and asked of Cypher over Bolt
 * (a Neo4j server's): the same pages, page after page, whoever asks, within the bounds and beyond them.
 */
@ReadModelTest({
        SocialGraphProjection.class, GraphWrites.class, GraphWritesConfiguration.class, SocialGraphQueries.class,
        GraphReadsConfiguration.class, HomeDatabase.class, SocialGraphCache.class})
class SuggestionsWalkTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Autowired
    ProjectionEvents events;

    @Autowired
    SocialGraphQueries walked;

    @Autowired
    GraphReads configured;

    @Autowired
    Driver neo4j;

    @Autowired
    HomeDatabase database;

    @Autowired
    @Qualifier(SocialGraphCache.NAME)
    GenerationalCache cache;

    private SocialGraphQueries inCypher;

    @BeforeEach
    void overBoltToo() {
        assertThat(configured).isInstanceOf(InProcessGraphReads.class); // so that `walked` walks
        inCypher = new SocialGraphQueries(new BoltGraphReads(neo4j, database, TIMEOUT, Clock.systemUTC()), cache);
    }

    /**
     * A random network where mutual friends run from one to several, with members blocked either way: every member's
     * suggestions, A→Z and ranked, read in pages of several sizes, are Cypher's; so is a page after any member's name,
     * one's own, a friend's or a blocked member's included (from the top, as no suggestion has it), or after a name no
     * one has. Which way a page is put in order ({@link ProfilesByKey}) depends on the graph's size, which the other
     * test classes grow: {@link ProfilesByKeyTest} takes both ways itself.
     */
    @Test
    void everyMembersSuggestionsAreCyphersPageAfterPage() {
        List<Bunny> bunnies = network();
        Bunny blocker = bunnies.get(0);

        for (boolean ranked : new boolean[]{true, false}) {
            int suggested = 0;
            for (Bunny me : bunnies) {
                for (int size : new int[]{1, 3, 50}) {
                    suggested = Math.max(suggested, allPages(me, size, ranked).size());
                }
                for (Bunny other : bunnies) {
                    bothWays(new FindFriendSuggestions(me.id(), other.username(), 3, ranked));
                }
                List<ProfileSummary> afterNoOne = bothWays(
                        new FindFriendSuggestions(me.id(), "nobody-suggested", 5, ranked));
                if (ranked) { // from the top; A→Z goes on from where that name would be
                    assertThat(afterNoOne).isEqualTo(bothWays(new FindFriendSuggestions(me.id(), null, 5, true)));
                }
            }
            assertThat(suggested).as("some member has suggestions to page through").isGreaterThan(3);
            List<ProfileSummary> blockersOwn = allPages(blocker, 50, ranked);
            assertThat(blockersOwn).extracting(ProfileSummary::id)
                    .doesNotContain(bunnies.get(5).id(), bunnies.get(11).id(), bunnies.get(17).id(), blocker.id());
        }
    }

    /**
     * With bounds small enough to bite in the random network, every member's ranking counts the same friends of each
     * friend (the first ones, whoever they are) and the same paths as Cypher's.
     */
    @Test
    void smallBoundsCountTheSameFriendsAndPathsAsCypher() {
        List<Bunny> bunnies = network();
        GraphReads overBolt = new BoltGraphReads(neo4j, database, TIMEOUT, Clock.systemUTC());
        int cut = 0;
        for (Bunny me : bunnies) {
            String id = me.id().toString();
            int unbounded = walked.handle(new FindFriendSuggestions(me.id(), null, 50, true)).size();
            for (int each : new int[]{1, 2, 3}) {
                for (int paths : new int[]{1, 2, 5, 8}) {
                    List<ProfileSummary> bounded = configured.walkInThisJvm(
                            transaction -> RankedSuggestionsWalk.of(transaction, id, "", 50, each, paths)).orElseThrow();
                    assertThat(bounded).as("each %d, paths %d", each, paths).isEqualTo(overBolt.profiles(
                            SocialGraphQueries.RANKED,
                            Map.of("id", id, "after", "", "limit", 50, "each", each, "paths", paths)));
                    if (bounded.size() < unbounded) {
                        cut++;
                    }
                }
            }
        }
        assertThat(cut).as("rankings the bounds cut short").isGreaterThan(10);
    }

    /**
     * A profile the graph met in a block before its member's registration has no name yet: a friend's friend though it
     * is, it is counted and not suggested, walked or in Cypher.
     */
    @Test
    void aProfileWithoutANameYetIsNotSuggested() {
        List<Bunny> bunnies = Bunny.named("me", "friend", "someone");
        Bunny me = bunnies.get(0), friend = bunnies.get(1), someone = bunnies.get(2);
        Bunny nameless = Bunny.named("nameless");
        befriend(me, friend);
        befriend(friend, someone);
        events.given(someone.friendshipWith(nameless),
                new MemberBlocked(someone.friendshipWith(nameless), someone.id(), nameless.id()));
        befriend(friend, nameless);

        assertThat(allPages(me, 10, true)).containsExactly(summary(someone));
        assertThat(allPages(me, 10, false)).containsExactly(summary(someone));
    }

    /** Beyond the bounds the walk counts the same friends of friends, the same paths, as Cypher. */
    @Test
    void aFriendWithAHugeCircleIsCountedAsCypherCountsIt() {
        Bunny me = Bunny.named("nia");
        Bunny star = Bunny.named("star");
        List<Bunny> others = Bunny.named("ola", "pam", "zed", "abe");
        befriend(me, star);
        befriend(me, others.get(0));
        befriend(me, others.get(1));
        befriend(others.get(0), others.get(2));
        befriend(others.get(1), others.get(2));
        befriend(others.get(0), others.get(3));
        for (int i = 0; i < SocialGraphQueries.RANKED_PER_FRIEND + 50; i++) {
            befriend(Bunny.named("fan" + i), star);
        }

        List<ProfileSummary> ranked = allPages(me, 40, true);

        assertThat(ranked).startsWith(summary(others.get(2)), summary(others.get(3)))
                .hasSizeBetween(SocialGraphQueries.RANKED_PER_FRIEND + 1, SocialGraphQueries.RANKED_PER_FRIEND + 2);
    }

    @Test
    void strangersToTheGraphHaveNoSuggestions() {
        assertThat(bothWays(new FindFriendSuggestions(UUID.randomUUID(), null, 10, true))).isEmpty();
        assertThat(bothWays(new FindFriendSuggestions(UUID.randomUUID(), null, 10, false))).isEmpty();
    }

    /** 26 members, about 90 random friendships; the first blocks two, and a third blocks the first. */
    private List<Bunny> network() {
        Random random = new Random(15);
        List<Bunny> bunnies = Bunny.named("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
                "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z");
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < 90; i++) {
            int one = random.nextInt(bunnies.size());
            int two = random.nextInt(bunnies.size());
            if (one != two && pairs.add(Math.min(one, two) + ":" + Math.max(one, two))) {
                befriend(bunnies.get(one), bunnies.get(two));
            }
        }
        Bunny blocker = bunnies.get(0);
        for (Bunny blocked : List.of(bunnies.get(5), bunnies.get(11))) {
            events.given(blocker.friendshipWith(blocked),
                    new MemberBlocked(blocker.friendshipWith(blocked), blocker.id(), blocked.id()));
        }
        events.given(bunnies.get(17).friendshipWith(blocker),
                new MemberBlocked(bunnies.get(17).friendshipWith(blocker), bunnies.get(17).id(), blocker.id()));
        return bunnies;
    }

    /** Every page of the member's suggestions, ranked or A→Z, walked and checked against Cypher's. */
    private List<ProfileSummary> allPages(Bunny me, int size, boolean ranked) {
        List<ProfileSummary> all = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 1000; page++) {
            List<ProfileSummary> next = bothWays(new FindFriendSuggestions(me.id(), after, size, ranked));
            if (next.isEmpty()) {
                return all;
            }
            assertThat(next).hasSizeLessThanOrEqualTo(size);
            all.addAll(next);
            after = next.get(next.size() - 1).username();
        }
        throw new AssertionError("the suggestions never ended");
    }

    /** The page walked, after checking that Cypher answers the same. */
    private List<ProfileSummary> bothWays(FindFriendSuggestions query) {
        List<ProfileSummary> page = walked.handle(query);
        assertThat(page).as("walked, against Cypher's, for %s", query).isEqualTo(inCypher.handle(query));
        return page;
    }

    private void befriend(Bunny requester, Bunny target) {
        events.given(requester.friendshipWith(target), requester.asksToBefriend(target), target.accepts(requester));
    }

    private static ProfileSummary summary(Bunny bunny) {
        return new ProfileSummary(bunny.id(), bunny.username());
    }
}
