package org.bunnybook.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryGateway;
import org.bunnybook.api.account.ProfileSummary;
import org.bunnybook.api.friendship.Connection;
import org.bunnybook.api.friendship.FindConnection;
import org.bunnybook.api.friendship.FindFriendSuggestions;
import org.bunnybook.api.friendship.FindMutualFriends;
import org.bunnybook.api.friendship.FindRelationship;
import org.bunnybook.api.friendship.Relationship;
import org.bunnybook.query.cache.GenerationalCache;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Suggestions ("bunnies you may know", A→Z and ranked by mutual friends), mutual friends and the connection path
 * between two members, asked of the social graph in Neo4j through the application's query gateway (which reads the
 * graph in this JVM when it is the embedded one, as here, and over Bolt otherwise; the run says which), next to the
 * same questions asked in SQL of PostgreSQL's {@code friendships} table ({@link SqlFriendships}), interleaved in the
 * same run, at each of several sizes of a generated network ({@link GeneratedGraph}, written straight into both read
 * models: this measures reading them, not building them). Every answer of both stores is compared, and the paths
 * checked against the generated friendships; the run fails if they differ.
 */
final class SocialGraphBenchmark {

    private static final int PAGE = 20;
    /** The recursive CTE is asked about one pair in this many ({@link #measurePaths}). */
    private static final int CTE_EVERY = 10;
    private static final String SUGGESTIONS = "suggestions A-Z";
    private static final String RANKED = "suggestions ranked";
    private static final String MUTUAL = "mutual friends";
    private static final String PATH = "connection path";
    private static final SessionConfig READ = SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build();

    private final QueryGateway queries;
    private final Driver neo4j;
    private final Optional<GraphDatabaseService> inProcess;
    private final GenerationalCache friendshipCache;
    private final DataSource postgres;
    private final SqlFriendships sql;
    private final int[] sizes;
    private final int friendsEach;
    private final int samples;
    private final int pathSamples;
    private final double warmUpSeconds;
    private final SplittableRandom random = new SplittableRandom(20261203);
    /** The warm-up's own: it asks for a time, not a count, and must not change what is generated and measured. */
    private final SplittableRandom warmUpRandom = new SplittableRandom(20261204);
    private boolean pathAnswered = true;
    /** Which store this round asks first ({@link #askInterleaved}). */
    private boolean graphFirst;

    SocialGraphBenchmark(ConfigurableApplicationContext application, int[] sizes, int friendsEach, int samples,
                         int pathSamples, double warmUpSeconds) {
        this.queries = application.getBean(QueryGateway.class);
        this.neo4j = application.getBean(Driver.class);
        this.friendshipCache = BeanFactoryAnnotationUtils.qualifiedBeanOfType(application.getBeanFactory(),
                GenerationalCache.class, "friendships");
        // as the application's GraphReadsConfiguration chooses
        boolean readInProcess = application.getEnvironment()
                .getProperty("bunnybook.social-graph.read-in-process", Boolean.class, true);
        this.inProcess = Optional.ofNullable(application.getBeanProvider(GraphDatabaseService.class).getIfUnique())
                .filter(graph -> readInProcess);
        this.postgres = application.getBean(DataSource.class);
        this.sql = new SqlFriendships(application.getBean(JdbcClient.class));
        this.sizes = sizes;
        this.friendsEach = friendsEach;
        this.samples = samples;
        this.pathSamples = pathSamples;
        this.warmUpSeconds = warmUpSeconds;
    }

    /** One question's latencies in both stores. */
    private record Pair(Latencies graph, Latencies sql) {
        Pair(int capacity) {
            this(new Latencies(capacity), new Latencies(capacity));
        }
    }

    void run() {
        long started = System.nanoTime();
        Map<Integer, Map<String, Pair>> results = new LinkedHashMap<>();
        for (int size : sizes) {
            results.put(size, measure(size));
        }
        mustShow(results);
        System.out.printf("%nWhole run: %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    private Map<String, Pair> measure(int members) {
        System.out.printf("%n=== %,d members, ~%d friends each ===%n", members, friendsEach);
        long started = System.nanoTime();
        GeneratedGraph.clear(neo4j, postgres);
        double cleared = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        GeneratedGraph graph = GeneratedGraph.generate(members, friendsEach, random);
        double generated = (System.nanoTime() - started) / 1e9;
        double neo4jSeconds = graph.writeGraph(neo4j);
        double postgresSeconds = graph.writeTable(postgres);
        System.out.printf("Generated %,d members and %,d friendships in %.1f s (the last size cleared in %.1f s): "
                        + "generated in memory %.1f s, written into Neo4j %.1f s, into PostgreSQL %.1f s%n",
                members, graph.friendships, generated + neo4jSeconds + postgresSeconds, cleared, generated,
                neo4jSeconds, postgresSeconds);

        Map<String, Pair> results = new LinkedHashMap<>();
        results.put(SUGGESTIONS, new Pair(samples));
        results.put(RANKED, new Pair(samples));
        results.put(MUTUAL, new Pair(samples));
        int warmUp = warmUp(graph, results);
        for (int i = 0; i < samples; i++) {
            askInterleaved(graph, results, true, random);
        }
        measurePaths(graph, results);

        System.out.printf("%n%,d members: %d samples each after %d warm-up rounds (%.0f s at least; for the path %d "
                        + "in the graph and %d in SQL after %d and %d), ms; the graph read %s; speed-up = SQL ÷ graph:%n",
                members, samples, warmUp, warmUpSeconds, pathSamples, pathSamples / CTE_EVERY, pathSamples / 5,
                pathSamples / 5 / CTE_EVERY, graphReads());
        System.out.printf("%-20s %10s %10s %10s %10s %12s %12s%n", "question", "graph p50", "graph p99",
                "SQL p50", "SQL p99", "speed-up p50", "speed-up p99");
        results.forEach(SocialGraphBenchmark::report);
        cacheVersusGraph(graph);
        return results;
    }

    /**
     * Asks the questions unmeasured until the JIT has compiled their paths: Neo4j's Cypher runtime is a large body
     * of code, and a hundred rounds left it cold (a p50 twice the steady one; docs/performance.md). At least
     * {@code samples / 5} rounds, and at least {@code --warm-up} seconds. Both stores warm up alike.
     */
    private int warmUp(GeneratedGraph graph, Map<String, Pair> results) {
        long until = System.nanoTime() + (long) (warmUpSeconds * 1e9);
        int rounds = 0;
        while (rounds < samples / 5 || System.nanoTime() < until) {
            askInterleaved(graph, results, false, warmUpRandom);
            rounds++;
        }
        return rounds;
    }

    /**
     * One round: each question about a random member, in the graph and in SQL one after the other, interleaved so
     * that whatever else the machine does weighs on both alike. The graph goes first in one round and SQL in the
     * next: a question asked right after a different one finds the caches filled by the other's work, and always
     * going first had the graph pay for that alone.
     */
    private void askInterleaved(GeneratedGraph graph, Map<String, Pair> results, boolean measured,
                                SplittableRandom random) {
        int me = memberWithFriends(graph, random);
        int other = friendOfFriend(graph, me, random);
        UUID a = graph.ids[me];
        UUID b = graph.ids[other];
        graphFirst = !graphFirst;
        ask(SUGGESTIONS, a, results.get(SUGGESTIONS), measured, () -> graphSuggestions(a, false),
                () -> sql.suggestions(a, PAGE));
        ask(RANKED, a, results.get(RANKED), measured, () -> graphSuggestions(a, true),
                () -> sql.rankedSuggestions(a, PAGE));
        ask(MUTUAL, a, results.get(MUTUAL), measured, () -> graphMutual(a, b), () -> sql.mutual(a, b, PAGE));
    }

    /** Asks one question of both stores, in this round's order, and checks they answer alike. */
    private void ask(String question, UUID me, Pair pair, boolean measured, Supplier<List<String>> inGraph,
                     Supplier<List<String>> inSql) {
        List<String> graphAnswer;
        List<String> sqlAnswer;
        if (graphFirst) {
            graphAnswer = time(measured, pair.graph(), inGraph);
            sqlAnswer = time(measured, pair.sql(), inSql);
        } else {
            sqlAnswer = time(measured, pair.sql(), inSql);
            graphAnswer = time(measured, pair.graph(), inGraph);
        }
        same(question, me, graphAnswer, sqlAnswer);
    }

    /**
     * Random pairs of members, as a visitor of a random profile would be: in a uniformly random network of ~50
     * friends each, most are 2 to 4 friendships apart. Every chain the graph finds must be a shortest one, valid in
     * the generated friendships (or none where there is none). The recursive CTE is asked about every
     * {@value #CTE_EVERY}th pair only, and must find a chain of the same length: it takes a hundred times longer,
     * and the graph's p99 needs many more searches than the CTE's time allows to be more than its few slowest.
     */
    private void measurePaths(GeneratedGraph graph, Map<String, Pair> results) {
        if (!pathAnswered) {
            return;
        }
        Pair path = new Pair(pathSamples);
        Map<Integer, Latencies> byHops = new TreeMap<>(); // the graph's searches by the chain's length
        int warmUp = pathSamples / 5;
        for (int i = 0; i < warmUp + pathSamples; i++) {
            boolean measured = i >= warmUp;
            int from = memberWithFriends(graph, random);
            int to = random.nextInt(graph.size() - 1);
            int target = to >= from ? to + 1 : to;
            UUID a = graph.ids[from];
            UUID b = graph.ids[target];
            Optional<List<UUID>> inGraph;
            long started = System.nanoTime();
            try {
                inGraph = graphPath(a, b);
            } catch (CompletionException e) {
                if (e.getCause() instanceof NoHandlerForQueryException) {
                    System.out.println("No handler for FindConnection in this build: the connection path is left out.");
                    pathAnswered = false;
                    return;
                }
                throw e;
            }
            long took = System.nanoTime() - started;
            int hops = checkedLength(graph, from, target, inGraph, "graph");
            if (i % CTE_EVERY == 0) {
                Optional<List<UUID>> inSql = time(measured, path.sql(), () -> sql.path(a, b));
                if (hops != checkedLength(graph, from, target, inSql, "SQL")) {
                    throw new IllegalStateException("paths differ from " + a + " to " + b + ": graph " + inGraph
                            + ", SQL " + inSql);
                }
            }
            if (measured) {
                path.graph().add(took);
                byHops.computeIfAbsent(hops, length -> new Latencies(pathSamples)).add(took);
            }
        }
        results.put(PATH, path);
        StringBuilder spread = new StringBuilder();
        byHops.forEach((hops, searches) -> spread.append(hops < 0 ? "none within " + FindConnection.MAX_HOPS
                : hops + " hops").append(": ").append(searches.count()).append(String.format(" (%.2f / %.2f), ",
                searches.percentileMillis(50), searches.percentileMillis(99))));
        System.out.printf("Connection paths asked (the graph's p50 / p99 in ms): %s(no path within %d hops: %d)%n",
                spread, FindConnection.MAX_HOPS, byHops.containsKey(-1) ? byHops.get(-1).count() : 0);
    }

    /** The chain's number of friendships after checking it joins the two members by friendships; -1 for none. */
    private static int checkedLength(GeneratedGraph graph, int from, int to, Optional<List<UUID>> path, String store) {
        int shortest = graph.distance(from, to, FindConnection.MAX_HOPS);
        if (path.isEmpty()) {
            if (shortest >= 0) {
                throw new IllegalStateException(store + " found no path where one of " + shortest + " hops exists");
            }
            return -1;
        }
        List<UUID> chain = path.get();
        boolean valid = chain.size() >= 2 && graph.number(chain.get(0)) == from
                && graph.number(chain.get(chain.size() - 1)) == to;
        for (int i = 1; valid && i < chain.size(); i++) {
            valid = graph.areFriends(graph.number(chain.get(i - 1)), graph.number(chain.get(i)));
        }
        if (!valid || chain.size() - 1 != shortest) {
            throw new IllegalStateException(store + "'s path " + chain + " is not a shortest chain of friends ("
                    + shortest + " hops)");
        }
        return shortest;
    }

    /**
     * Relationships and pages of friends, the most asked, can be answered from a Redis cache (GenerationalCache, the
     * application's own): its hits, against the same Cypher read the way the application reads the graph. The
     * application reads the cache only when the graph is read over Bolt, where the cache answers faster; this shows
     * whether it still does, in whichever way the graph is read. Hits are filed under keys of the benchmark's own, so
     * that they are hits whether or not the handlers use the cache.
     */
    private void cacheVersusGraph(GeneratedGraph graph) {
        Latencies relationshipInGraph = new Latencies(samples);
        Latencies relationshipCached = new Latencies(samples);
        Latencies friendsInGraph = new Latencies(samples);
        Latencies friendsCached = new Latencies(samples);
        for (int i = 0; i < samples + samples / 5; i++) {
            boolean measured = i >= samples / 5;
            int me = memberWithFriends(graph, random);
            UUID a = graph.ids[me];
            UUID b = graph.ids[graph.friends[me][random.nextInt(graph.friends[me].length)]];
            String fromGraph = time(measured, relationshipInGraph, () -> graphRelationship(a, b));
            cachedRelationship(a, b); // filed now, if it was not
            Relationship cached = time(measured, relationshipCached, () -> cachedRelationship(a, b));
            if (!fromGraph.equals("FRIEND") || cached != Relationship.FRIEND) {
                throw new IllegalStateException("relationship of " + a + " and " + b + ": " + fromGraph + ", "
                        + cached);
            }
            List<String> page = time(measured, friendsInGraph, () -> graphFriends(a));
            cachedFriends(a);
            if (!time(measured, friendsCached, () -> cachedFriends(a)).equals(page)) {
                throw new IllegalStateException("friends of " + a + " differ in the cache");
            }
        }
        Latencies bus = new Latencies(samples);
        UUID anyone = graph.ids[0];
        for (int i = 0; i < samples; i++) {
            bus.time(() -> queries.query(new FindRelationship(anyone, anyone),
                    ResponseTypes.instanceOf(Relationship.class)).join());
        }
        System.out.printf("%nThe friendship cache (its hits in Redis) against the graph (the same Cypher, read %s as "
                + "the application reads it), ms:%n", graphReads());
        System.out.printf("%-20s %10s %10s %10s %10s %12s %12s%n", "question", "graph p50", "graph p99",
                "cache p50", "cache p99", "speed-up p50", "speed-up p99");
        cacheRow("relationship", relationshipInGraph, relationshipCached);
        cacheRow("friends page", friendsInGraph, friendsCached);
        System.out.printf("The query gateway alone (a question answered without any store): p50 %.2f ms, "
                + "p99 %.2f ms.%n", bus.percentileMillis(50), bus.percentileMillis(99));
    }

    private static void cacheRow(String question, Latencies inGraph, Latencies cached) {
        System.out.printf("%-20s %10.2f %10.2f %10.2f %10.2f %12.2f %12.2f%n", question,
                inGraph.percentileMillis(50), inGraph.percentileMillis(99), cached.percentileMillis(50),
                cached.percentileMillis(99), inGraph.percentileMillis(50) / cached.percentileMillis(50),
                inGraph.percentileMillis(99) / cached.percentileMillis(99));
    }

    private void mustShow(Map<Integer, Map<String, Pair>> results) {
        System.out.printf("%nMust show (issue 15):%n");
        Map<String, Pair> tenK = results.get(10_000);
        Map<String, Pair> hundredK = results.get(100_000);
        if (tenK == null) {
            System.out.println("  (10,000 members not run: nothing to check)");
            return;
        }
        for (String question : List.of(MUTUAL, SUGGESTIONS, RANKED)) {
            Pair pair = tenK.get(question);
            for (int percentile : new int[]{50, 99}) {
                double graph = pair.graph().percentileMillis(percentile);
                double inSql = pair.sql().percentileMillis(percentile);
                verdict(graph <= inSql, "%s at 10,000: graph p%d %.2f ms ≤ SQL %.2f ms", question, percentile,
                        graph, inSql);
            }
        }
        for (Map.Entry<Integer, Map<String, Pair>> size : results.entrySet()) {
            Pair path = size.getValue().get(PATH);
            if (path == null || size.getKey() < 10_000) {
                continue;
            }
            for (int percentile : new int[]{50, 99}) {
                double graph = path.graph().percentileMillis(percentile);
                double cte = path.sql().percentileMillis(percentile);
                verdict(cte >= 5 * graph, "%s at %,d: graph p%d %.2f ms, recursive CTE %.2f ms: %.1f× (≥ 5×)",
                        PATH, size.getKey(), percentile, graph, cte, cte / graph);
            }
        }
        if (hundredK == null) {
            System.out.println("  (100,000 members not run: growth not checked)");
            return;
        }
        for (String question : List.of(SUGGESTIONS, RANKED, MUTUAL, PATH)) {
            if (hundredK.containsKey(question) && tenK.containsKey(question)) {
                double large = hundredK.get(question).graph().percentileMillis(99);
                double small = tenK.get(question).graph().percentileMillis(99);
                verdict(large <= 2 * small, "%s graph p99 at 100,000 %.2f ms ≤ 2 × at 10,000 (%.2f ms)",
                        question, large, small);
            }
        }
    }

    private static void verdict(boolean passed, String format, Object... arguments) {
        System.out.printf("  %s  %s%n", passed ? "PASS" : "FAIL", String.format(format, arguments));
    }

    private static void report(String question, Pair pair) {
        double graph50 = pair.graph().percentileMillis(50);
        double graph99 = pair.graph().percentileMillis(99);
        double sql50 = pair.sql().percentileMillis(50);
        double sql99 = pair.sql().percentileMillis(99);
        System.out.printf("%-20s %10.2f %10.2f %10.2f %10.2f %12.2f %12.2f%n", question, graph50, graph99,
                sql50, sql99, sql50 / graph50, sql99 / graph99);
    }

    private static int memberWithFriends(GeneratedGraph graph, SplittableRandom random) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int member = random.nextInt(graph.size());
            if (graph.friends[member].length > 0) {
                return member;
            }
        }
        throw new IllegalStateException("hardly anyone has friends in this graph");
    }

    /** Someone else two steps away, so that the pair has at least one mutual friend to find. */
    private static int friendOfFriend(GeneratedGraph graph, int me, SplittableRandom random) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int[] friends = graph.friends[me];
            int[] theirs = graph.friends[friends[random.nextInt(friends.length)]];
            int other = theirs[random.nextInt(theirs.length)];
            if (other != me) {
                return other;
            }
        }
        throw new IllegalStateException("member " + me + " has no friend of a friend");
    }

    private static void same(String question, UUID me, List<String> graph, List<String> inSql) {
        if (!graph.equals(inSql)) {
            throw new IllegalStateException(question + " differ for " + me + ": graph " + graph + ", SQL " + inSql);
        }
    }

    private List<String> graphSuggestions(UUID me, boolean byMutualFriends) {
        return usernames(queries.query(new FindFriendSuggestions(me, null, PAGE, byMutualFriends),
                ResponseTypes.multipleInstancesOf(ProfileSummary.class)).join());
    }

    private List<String> graphMutual(UUID me, UUID other) {
        return usernames(queries.query(new FindMutualFriends(me, other, null, PAGE),
                ResponseTypes.multipleInstancesOf(ProfileSummary.class)).join());
    }

    private Optional<List<UUID>> graphPath(UUID from, UUID to) {
        return queries.query(new FindConnection(from, to), ResponseTypes.optionalInstanceOf(Connection.class)).join()
                .map(connection -> connection.path().stream().map(ProfileSummary::id).toList());
    }

    private Relationship cachedRelationship(UUID from, UUID to) {
        return friendshipCache.get("benchmark:relationship:" + from + ":" + to, List.of(from, to),
                new TypeReference<>() {
                }, () -> Relationship.valueOf(graphRelationship(from, to)));
    }

    private List<String> cachedFriends(UUID member) {
        return friendshipCache.get("benchmark:friends:" + member, List.of(member), new TypeReference<>() {
        }, () -> graphFriends(member));
    }

    private String graphRelationship(UUID from, UUID to) {
        return (String) graphRead("""
                        MATCH (a:Profile {id: $from})-[r:FRIEND|REQUESTED]-(b:Profile {id: $to})
                        RETURN CASE WHEN type(r) = 'FRIEND' THEN 'FRIEND'
                                    WHEN startNode(r) = a THEN 'OUTGOING_FRIEND_REQUEST'
                                    ELSE 'INCOMING_FRIEND_REQUEST' END AS relationship""",
                Map.of("from", from.toString(), "to", to.toString())).get(0).get("relationship");
    }

    private List<String> graphFriends(UUID member) {
        return graphRead("""
                        MATCH (me:Profile {id: $id})-[:FRIEND]-(p) USING INDEX SEEK me:Profile(id)
                        WHERE p.key > ''
                        RETURN p.username AS username ORDER BY p.key LIMIT $limit""",
                Map.of("id", member.toString(), "limit", PAGE)).stream()
                .map(row -> (String) row.get("username")).toList();
    }

    /** Rows of a read of the graph, made the way the application reads it (see {@link #graphReads()}). */
    private List<Map<String, Object>> graphRead(String cypher, Map<String, Object> parameters) {
        if (inProcess.isPresent()) {
            try (Transaction transaction = inProcess.get().beginTx();
                 Result result = transaction.execute(cypher, parameters)) {
                List<Map<String, Object>> rows = new ArrayList<>();
                result.forEachRemaining(rows::add);
                return rows;
            }
        }
        try (Session session = neo4j.session(READ)) {
            return session.run(cypher, parameters).list(Record::asMap);
        }
    }

    /** How the application reads the graph: in this JVM when it is the embedded one (the run mode), else over Bolt. */
    private String graphReads() {
        return inProcess.isPresent() ? "in-process" : "over Bolt";
    }

    private static List<String> usernames(List<ProfileSummary> profiles) {
        return profiles.stream().map(ProfileSummary::username).toList();
    }

    private static <T> T time(boolean measured, Latencies latencies, Supplier<T> question) {
        if (!measured) {
            return question.get();
        }
        long started = System.nanoTime();
        T answer = question.get();
        latencies.add(System.nanoTime() - started);
        return answer;
    }
}
