package org.bunnybook.query.socialgraph;

import org.bunnybook.api.ReadModels;
import org.bunnybook.platform.projection.ReadModelCopy;
import org.bunnybook.query.cache.GenerationalCache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The social graph's copy, built by a rebuild beside the live graph while members read that. Neo4j Community keeps
 * one database, so the copy lives in it: the same nodes under labels of their own ({@code RebuildProfile},
 * {@code RebuildPair}, {@code RebuildErasedProfile}, with the live labels' unique constraints, from
 * {@code classpath:neo4j/migrations}), joined by relationships of the same types. A relationship only ever joins two
 * nodes of one version, so every question, which starts from a live {@code Profile}, stays in the live graph
 * ({@link SocialGraphQueries}). The rebuild's processor writes the copy through {@link GraphWrites}, whose statements
 * it renames ({@link #inCopy}).
 * <p>
 * The swap relabels in one Neo4j transaction: the live nodes as retired, the copy's as live. Neo4j applies a
 * transaction's changes as it commits them, not all at once to its readers, so the swap is counted before and after
 * ({@link GraphSwaps}) and a read that overlapped it is asked again: readers see the one graph or the other, whole.
 * The retired nodes are deleted after the switch. Neo4j commits before the switch's PostgreSQL transaction, which may
 * then fail: the rebuild's own node, {@code (:GraphRebuild {id, swapped})}, made with the copy, remembers the swap, so
 * that trying the switch again swaps nothing back.
 */
@Component
class SocialGraphCopy implements ReadModelCopy {

    private static final Pattern LIVE_LABEL = Pattern.compile(":(Profile|Pair|ErasedProfile)\\b");
    private static final List<String> LIVE = List.of("Profile", "Pair", "ErasedProfile");

    private final Neo4jClient neo4j;
    private final TransactionTemplate transaction;
    private final GenerationalCache cache;
    private final Clock clock;

    SocialGraphCopy(Neo4jClient neo4j, @Qualifier("neo4jTransactionManager") PlatformTransactionManager neo4jTx,
                    @Qualifier(SocialGraphCache.NAME) GenerationalCache cache, Clock clock) {
        this.neo4j = neo4j;
        this.transaction = new TransactionTemplate(neo4jTx);
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

    @Override
    public void create(long rebuild) {
        GraphDeletes.inBatches(neo4j, transaction, labels("Rebuild"));
        GraphDeletes.inBatches(neo4j, transaction, labels("Retired"));
        GraphDeletes.inBatches(neo4j, transaction, List.of("GraphRebuild"));
        neo4j.query("CREATE (:GraphRebuild {id: $rebuild, swapped: false})").bind(rebuild).to("rebuild").run();
    }

    @Override
    public boolean exists() {
        return neo4j.query("MATCH (rebuild:GraphRebuild) WHERE NOT rebuild.swapped RETURN count(rebuild) > 0")
                .fetchAs(Boolean.class).one().orElse(false);
    }

    @Override
    public void drop() {
        GraphDeletes.inBatches(neo4j, transaction, labels("Rebuild"));
        GraphDeletes.inBatches(neo4j, transaction, List.of("GraphRebuild"));
    }

    /**
     * The copy's nodes take the live labels, the live ones are retired, in one transaction; every cached answer is
     * retired as the switch commits. A large graph is relabelled in one go: no reader may see a mix.
     */
    @Override
    public boolean swapIn(long rebuild) {
        Optional<Boolean> done = neo4j.query("MATCH (rebuild:GraphRebuild {id: $rebuild}) RETURN rebuild.swapped")
                .bind(rebuild).to("rebuild").fetchAs(Boolean.class).one();
        if (done.isEmpty()) {
            throw new IllegalStateException("the copy of the social graph for rebuild " + rebuild + " is gone");
        }
        cache.retireEverythingOnCommit(); // swapped now or by an attempt whose switch did not commit: not retired then
        if (done.get()) {
            return false;
        }
        GraphSwaps.begin(neo4j, clock);
        try {
            transaction.executeWithoutResult(status -> {
                for (String label : LIVE) {
                    relabel(label, "Retired" + label);
                    relabel("Rebuild" + label, label);
                }
                neo4j.query("MATCH (rebuild:GraphRebuild {id: $rebuild}) SET rebuild.swapped = true")
                        .bind(rebuild).to("rebuild").run();
            });
        } finally {
            GraphSwaps.end(neo4j);
        }
        return true;
    }

    @Override
    public void afterSwitch() {
        GraphDeletes.inBatches(neo4j, transaction, labels("Retired"));
        GraphDeletes.inBatches(neo4j, transaction, List.of("GraphRebuild"));
    }

    private void relabel(String from, String to) {
        neo4j.query("MATCH (n:" + from + ") REMOVE n:" + from + " SET n:" + to).run();
    }

    private static List<String> labels(String prefix) {
        return LIVE.stream().map(label -> prefix + label).collect(Collectors.toList());
    }
}
