package org.bunnybook.query.socialgraph;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.projection.ReadModelCopy;
import org.bunnybook.query.cache.GenerationalCache;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The social graph's copy, built by a rebuild beside the live graph while members read that. Neo4j Community keeps
 * one database, so the copy lives in it: the same nodes under labels of their own ({@code RebuildProfile},
 * {@code RebuildPair}, {@code RebuildErasedProfile}, with the live labels' unique constraints, from
 * {@code classpath:neo4j/migrations}), joined by relationships of the same types. A relationship only ever joins two
 * nodes of one version, so every question, which starts from a live {@code Profile}, stays in the live graph
 * ({@link SocialGraphQueries}). The rebuild's processor writes the copy through {@link GraphWrites}, whose statements
 * it renames ({@link #inCopy}); it runs on no node by the time of the swap (BesideLiveRebuilds waits for that).
 * <p>
 * The swap relabels in one Neo4j transaction: the live nodes as retired, the copy's as live. Neo4j applies a
 * transaction's changes as it commits them, not all at once to its readers, so the swap is counted before and after
 * ({@link GraphSwaps}) and a read that overlapped it is asked again: readers see the one graph or the other, whole.
 * The retired nodes are deleted after the switch (or by the next rebuild, should a newer one be asked for first).
 * Every step runs on the driver, in Neo4j transactions of its own: Spring Data's client would join the switch's
 * PostgreSQL transaction and commit after it. Neo4j commits first, and the PostgreSQL transaction may then fail: the
 * rebuild's own node, {@code (:GraphRebuild {id, swapped})}, made with the copy, remembers the swap, so that trying
 * the switch again swaps nothing back.
 */
@Component
class SocialGraphCopy implements ReadModelCopy {

    /** The labels of the graph's nodes, which the copy's and the retired version's are named after. */
    static final List<String> LIVE = List.of("Profile", "Pair", "ErasedProfile");
    private static final Pattern LIVE_LABEL = Pattern.compile(":(" + String.join("|", LIVE) + ")\\b");

    private final Driver driver;
    private final HomeDatabase database;
    private final GenerationalCache cache;
    private final Clock clock;

    SocialGraphCopy(Driver driver, HomeDatabase database, @Qualifier(SocialGraphCache.NAME) GenerationalCache cache,
                    Clock clock) {
        this.driver = driver;
        this.database = database;
        this.cache = cache;
        this.clock = clock;
    }

    /** A statement of the live graph, made to write the copy instead: every label of the graph's renamed. */
    static String inCopy(String cypher) {
        return LIVE_LABEL.matcher(cypher).replaceAll(":Rebuild$1");
    }

    @Override
    public String group() {
        return ReadModels.SOCIAL_GRAPH;
    }

    /** Clears away whatever an earlier rebuild left (a copy given up on, a retired graph not yet deleted). */
    @Override
    public void create(long rebuild) {
        GraphDeletes.inBatches(driver, database, labels("Rebuild"));
        GraphDeletes.inBatches(driver, database, labels("Retired"));
        GraphDeletes.inBatches(driver, database, List.of("GraphRebuild"));
        try (Session session = session()) {
            session.run("CREATE (:GraphRebuild {id: $rebuild, swapped: false})", Map.of("rebuild", rebuild))
                    .consume();
        }
    }

    /** The rebuild's own node, deleted last when its copy or what its swap retired is cleared away. */
    @Override
    public boolean leftBehind() {
        try (Session session = session()) {
            return session.run("MATCH (rebuild:GraphRebuild) RETURN count(rebuild) > 0").single().get(0).asBoolean();
        }
    }

    /** The rebuild's own node, which stays until the switch has committed, swapped in or not, is gone. */
    @Override
    public boolean lost(long rebuild) {
        try (Session session = session()) {
            return session.run("MATCH (rebuild:GraphRebuild {id: $rebuild}) RETURN count(rebuild) = 0",
                    Map.of("rebuild", rebuild)).single().get(0).asBoolean();
        }
    }

    /** Also what a swap whose switch then failed to commit retired, should the rebuild be given up on after it. */
    @Override
    public void drop() {
        GraphDeletes.inBatches(driver, database, labels("Rebuild"));
        GraphDeletes.inBatches(driver, database, labels("Retired"));
        GraphDeletes.inBatches(driver, database, List.of("GraphRebuild"));
    }

    /**
     * The copy's nodes take the live labels, the live ones are retired, in one transaction; every cached answer is
     * retired as the switch commits. A large graph is relabelled in one go: no reader may see a mix.
     */
    @Override
    public boolean swapIn(long rebuild) {
        try (Session session = session()) {
            List<Record> marker = session.run("MATCH (rebuild:GraphRebuild {id: $rebuild}) RETURN rebuild.swapped",
                    Map.of("rebuild", rebuild)).list();
            if (marker.isEmpty()) {
                throw new IllegalStateException("the copy of the social graph for rebuild " + rebuild + " is gone");
            }
            // swapped now or by an attempt whose switch did not commit, which retired nothing
            cache.retireEverythingOnCommit();
            if (marker.get(0).get(0).asBoolean()) {
                return false;
            }
            try {
                GraphSwaps.begin(session, clock);
                // the driver runs this again if it cannot tell whether the commit went through: relabelled twice, the
                // swapped-in copy would be retired, so the marker is taken and checked first, in the transaction
                session.executeWriteWithoutResult(transaction -> {
                    boolean swapped = transaction.run("""
                                    MATCH (rebuild:GraphRebuild {id: $rebuild}) WHERE NOT rebuild.swapped
                                    SET rebuild.swapped = true RETURN count(rebuild) = 0""",
                            Map.of("rebuild", rebuild)).single().get(0).asBoolean();
                    if (!swapped) {
                        for (String label : LIVE) {
                            transaction.run("MATCH (n:" + label + ") REMOVE n:" + label + " SET n:Retired" + label)
                                    .consume();
                            transaction.run("MATCH (n:Rebuild" + label + ") REMOVE n:Rebuild" + label + " SET n:"
                                    + label).consume();
                        }
                    }
                });
            } finally {
                GraphSwaps.end(session);
            }
            return true;
        }
    }

    @Override
    public void afterSwitch() {
        GraphDeletes.inBatches(driver, database, labels("Retired"));
        GraphDeletes.inBatches(driver, database, List.of("GraphRebuild"));
    }

    private Session session() {
        return driver.session(database.sessions(AccessMode.WRITE));
    }

    private static List<String> labels(String prefix) {
        return LIVE.stream().map(label -> prefix + label).toList();
    }
}
