package org.bunnybook.bench;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.friendship.FindFriendSuggestions;
import org.bunnybook.api.friendship.FindMutualFriends;
import org.bunnybook.api.friendship.FindRelationship;
import org.bunnybook.api.friendship.Relationship;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Suggestions ("bunnies you may know") and mutual friends on a generated graph, asked of the social-graph read model
 * in Neo4j through the application's own query handlers, and the same questions asked in SQL of the PostgreSQL
 * {@code friendships} table, in the same run on the same machine. The generated friendships are written straight
 * into both read models: this measures reading them, not building them.
 */
final class SocialGraphBenchmark {

    private static final int WARM_UP = 200;
    private static final int SAMPLES = 1000;
    private static final int PAGE = 20;

    private static final String SQL_SUGGESTIONS = """
            SELECT f2.friend_id, min(f2.friend_username) AS username
            FROM friendships f1 JOIN friendships f2 ON f2.profile_id = f1.friend_id
            WHERE f1.profile_id = :me AND f2.friend_id <> :me
              AND NOT EXISTS (SELECT 1 FROM friendships x WHERE x.profile_id = :me AND x.friend_id = f2.friend_id)
            GROUP BY f2.friend_id
            ORDER BY lower(min(f2.friend_username)) LIMIT :limit""";
    private static final String SQL_MUTUAL = """
            SELECT f1.friend_id, f1.friend_username AS username
            FROM friendships f1 JOIN friendships f2 ON f2.friend_id = f1.friend_id
            WHERE f1.profile_id = :a AND f2.profile_id = :b
            ORDER BY lower(f1.friend_username) LIMIT :limit""";

    private final Neo4jClient neo4j;
    private final JdbcClient jdbc;
    private final QueryGateway queries;
    private final int members;
    private final int friendsEach;
    private final SplittableRandom random = new SplittableRandom(20261125);

    SocialGraphBenchmark(ConfigurableApplicationContext application, int members, int friendsEach) {
        this.neo4j = application.getBean(Neo4jClient.class);
        this.jdbc = application.getBean(JdbcClient.class);
        this.queries = application.getBean(QueryGateway.class);
        this.members = members;
        this.friendsEach = friendsEach;
    }

    void run() {
        List<UUID> ids = new ArrayList<>();
        Map<UUID, String> names = new HashMap<>();
        for (int i = 0; i < members; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            names.put(id, "bunny" + Integer.toString(random.nextInt(1 << 30), 36) + i);
        }
        List<UUID[]> friendships = generateFriendships(ids);
        long started = System.nanoTime();
        new GeneratedGraph(neo4j, jdbc).load(ids, names, friendships);
        System.out.printf("Generated %,d members and %,d friendships (~%d friends each) in %.1f s%n",
                members, friendships.size(), 2 * friendships.size() / members, (System.nanoTime() - started) / 1e9);

        Map<UUID, List<UUID>> friendsOf = new HashMap<>();
        for (UUID[] pair : friendships) {
            friendsOf.computeIfAbsent(pair[0], k -> new ArrayList<>()).add(pair[1]);
            friendsOf.computeIfAbsent(pair[1], k -> new ArrayList<>()).add(pair[0]);
        }
        checkSameAnswers(ids, friendsOf);

        Latencies graphSuggestions = new Latencies(SAMPLES);
        Latencies sqlSuggestions = new Latencies(SAMPLES);
        Latencies graphMutual = new Latencies(SAMPLES);
        Latencies sqlMutual = new Latencies(SAMPLES);
        Latencies queryBus = new Latencies(SAMPLES);
        for (int i = 0; i < WARM_UP + SAMPLES; i++) {
            boolean measured = i >= WARM_UP;
            UUID me = memberWithFriends(ids, friendsOf);
            UUID other = friendOfFriend(me, friendsOf);
            // interleaved, so that whatever else the machine does weighs on both alike
            time(measured, graphSuggestions, () -> graphSuggestions(me));
            time(measured, sqlSuggestions, () -> sqlSuggestions(me));
            time(measured, graphMutual, () -> graphMutual(me, other));
            time(measured, sqlMutual, () -> sqlMutual(me, other));
            time(measured, queryBus, () -> queries.query(new FindRelationship(me, me),
                    ResponseTypes.instanceOf(Relationship.class)).join());
        }
        System.out.printf("%nSocial graph questions, %d samples each after %d warm-up (ms):%n", SAMPLES, WARM_UP);
        System.out.printf("%-18s %10s %10s %10s %10s %14s %14s%n", "question", "graph p50", "graph p99",
                "SQL p50", "SQL p99", "p50 graph/SQL", "p99 graph/SQL");
        report("suggestions", graphSuggestions, sqlSuggestions);
        report("mutual friends", graphMutual, sqlMutual);
        System.out.printf("Graph answers include the query bus: a question answered without any store takes "
                + "p50 %.2f ms, p99 %.2f ms.%n", queryBus.percentileMillis(50), queryBus.percentileMillis(99));
    }

    private List<UUID[]> generateFriendships(List<UUID> ids) {
        long wanted = (long) members * friendsEach / 2;
        Set<Long> seen = new HashSet<>();
        List<UUID[]> friendships = new ArrayList<>();
        while (friendships.size() < wanted) {
            int a = random.nextInt(members);
            int b = random.nextInt(members);
            if (a != b && seen.add((long) Math.min(a, b) * members + Math.max(a, b))) {
                friendships.add(new UUID[]{ids.get(a), ids.get(b)});
            }
        }
        return friendships;
    }

    private UUID memberWithFriends(List<UUID> ids, Map<UUID, List<UUID>> friendsOf) {
        while (true) {
            UUID member = ids.get(random.nextInt(ids.size()));
            if (friendsOf.containsKey(member)) {
                return member;
            }
        }
    }

    /** Someone else two steps away, so that the pair has at least one mutual friend to find. */
    private UUID friendOfFriend(UUID me, Map<UUID, List<UUID>> friendsOf) {
        while (true) {
            List<UUID> friends = friendsOf.get(me);
            List<UUID> theirs = friendsOf.get(friends.get(random.nextInt(friends.size())));
            UUID other = theirs.get(random.nextInt(theirs.size()));
            if (!other.equals(me)) {
                return other;
            }
        }
    }

    /** Both read models must answer alike, or comparing their speed means nothing. */
    private void checkSameAnswers(List<UUID> ids, Map<UUID, List<UUID>> friendsOf) {
        for (int i = 0; i < 20; i++) {
            UUID me = memberWithFriends(ids, friendsOf);
            UUID other = friendOfFriend(me, friendsOf);
            if (!graphSuggestions(me).equals(sqlSuggestions(me))) {
                throw new IllegalStateException("suggestions differ for " + me + ": graph " + graphSuggestions(me)
                        + ", SQL " + sqlSuggestions(me));
            }
            if (!graphMutual(me, other).equals(sqlMutual(me, other))) {
                throw new IllegalStateException("mutual friends differ for " + me + ": graph "
                        + graphMutual(me, other) + ", SQL " + sqlMutual(me, other));
            }
        }
    }

    private List<String> graphSuggestions(UUID me) {
        return usernames(queries.query(new FindFriendSuggestions(me, null, PAGE, false),
                ResponseTypes.multipleInstancesOf(ProfileSummary.class)).join());
    }

    private List<String> graphMutual(UUID me, UUID other) {
        return usernames(queries.query(new FindMutualFriends(me, other, null, PAGE),
                ResponseTypes.multipleInstancesOf(ProfileSummary.class)).join());
    }

    private List<String> sqlSuggestions(UUID me) {
        return jdbc.sql(SQL_SUGGESTIONS).param("me", me).param("limit", PAGE)
                .query((rs, row) -> rs.getString("username")).list();
    }

    private List<String> sqlMutual(UUID a, UUID b) {
        return jdbc.sql(SQL_MUTUAL).param("a", a).param("b", b).param("limit", PAGE)
                .query((rs, row) -> rs.getString("username")).list();
    }

    private static List<String> usernames(List<ProfileSummary> profiles) {
        return profiles.stream().map(ProfileSummary::username).toList();
    }

    private static void time(boolean measured, Latencies latencies, Runnable question) {
        if (measured) {
            latencies.time(question);
        } else {
            question.run();
        }
    }

    private static void report(String question, Latencies graph, Latencies sql) {
        double graph50 = graph.percentileMillis(50);
        double graph99 = graph.percentileMillis(99);
        double sql50 = sql.percentileMillis(50);
        double sql99 = sql.percentileMillis(99);
        System.out.printf("%-18s %10.2f %10.2f %10.2f %10.2f %14.2f %14.2f%n", question, graph50, graph99,
                sql50, sql99, graph50 / sql50, graph99 / sql99);
    }
}
