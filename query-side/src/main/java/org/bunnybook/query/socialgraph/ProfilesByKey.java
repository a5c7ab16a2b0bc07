package org.bunnybook.query.socialgraph;

import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.IndexQueryConstraints;
import org.neo4j.internal.kernel.api.InternalIndexState;
import org.neo4j.internal.kernel.api.NodeValueIndexCursor;
import org.neo4j.internal.kernel.api.PropertyIndexQuery;
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.kernel.api.exceptions.schema.IndexNotFoundKernelException;
import org.neo4j.internal.schema.IndexDescriptor;
import org.neo4j.internal.schema.IndexOrder;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.token.api.TokenConstants;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first of some members' profiles in the order of their keys, as a page of suggestions is drawn from its
 * candidates, in the caller's transaction. Either the candidates' keys are read and sorted (a scattered read of a
 * node's property records each), or the {@code profile_key} index (the graph's migrations make it) is walked in
 * order, keeping the candidates met: among N members, candidates that are g of them are one entry in N ÷ g, so about
 * {@code wanted × N ÷ g} entries are read, each in a leaf of the index beside the one before. The walk is taken when
 * it is expected to cost less, each key read worth {@link SocialGraphQueries#INDEX_ENTRIES_PER_KEY_READ} entries (the
 * choice A→Z suggestions make in Cypher), and given up for the keys past twice what they would cost (candidates whose
 * keys all sort late). Neo4j's own API finds nodes by a key but cannot walk an index in order, which Cypher's
 * {@code ORDER BY} on an indexed key does: the walk goes through Neo4j's kernel, and only while the index is online.
 * A profile without a key (one the projection met in a block before its member's registration) is in neither way: it
 * has no name to show.
 */
final class ProfilesByKey {

    private static final String INDEX = "profile_key";

    private ProfilesByKey() {
    }

    /** How many members' profiles the graph holds, from Neo4j's counts (no node is read). */
    static long count(Transaction transaction) {
        KernelTransaction kernel = kernel(transaction);
        int profile = kernel.tokenRead().nodeLabel(GraphWalking.PROFILE.name());
        return profile == TokenConstants.NO_TOKEN ? 0 : kernel.dataRead().countsForNode(profile);
    }

    /**
     * The first {@code wanted} of {@code candidates} by key, after {@code after} (from the first if null), of the
     * {@code profiles} the graph holds ({@link #count}).
     */
    static List<Node> first(Transaction transaction, Collection<Node> candidates, String after, int wanted,
                            long profiles) {
        long keyReads = (long) candidates.size() * SocialGraphQueries.INDEX_ENTRIES_PER_KEY_READ; // in index entries
        if (candidates.size() > wanted && wanted * profiles < keyReads * candidates.size()) {
            Map<Long, Node> byId = new HashMap<>(candidates.size() * 2);
            candidates.forEach(candidate -> byId.put(id(candidate), candidate));
            Optional<List<Node>> inOrder = walk(transaction, byId, after, wanted, 2 * keyReads);
            if (inOrder.isPresent()) {
                return inOrder.get();
            }
        }
        record Keyed(String key, Node node) {
        }
        List<Keyed> keyed = new ArrayList<>(candidates.size());
        for (Node candidate : candidates) {
            if (candidate.getProperty("key", null) instanceof String key
                    && (after == null || key.compareTo(after) > 0)) {
                keyed.add(new Keyed(key, candidate));
            }
        }
        return keyed.stream().sorted(Comparator.comparing(Keyed::key)).limit(wanted).map(Keyed::node).toList();
    }

    /**
     * The first {@code wanted} of {@code among} (by node id) met in the key index after {@code after}, reading at most
     * {@code entries} entries; empty if that was not enough to tell, or if the index cannot be read (not there, or
     * not online: being built after a restore, say), for the keys to be read instead.
     */
    static Optional<List<Node>> walk(Transaction transaction, Map<Long, Node> among, String after, int wanted,
                                     long entries) {
        KernelTransaction kernel = kernel(transaction);
        IndexDescriptor index = kernel.schemaRead().indexGetForName(INDEX);
        int key = kernel.tokenRead().propertyKey("key");
        if (index == IndexDescriptor.NO_INDEX || key == TokenConstants.NO_TOKEN || !online(kernel, index)) {
            return Optional.empty();
        }
        Read read = kernel.dataRead();
        List<Node> found = new ArrayList<>(wanted);
        try (NodeValueIndexCursor cursor = kernel.cursors().allocateNodeValueIndexCursor(kernel.cursorContext(),
                kernel.memoryTracker())) {
            read.nodeIndexSeek(kernel.queryContext(), read.indexReadSession(index), cursor,
                    IndexQueryConstraints.ordered(IndexOrder.ASCENDING),
                    PropertyIndexQuery.range(key, after, false, (String) null, false));
            for (long entriesRead = 0; found.size() < wanted; entriesRead++) {
                if (entriesRead == entries) {
                    return Optional.empty();
                }
                if (!cursor.next()) {
                    break;
                }
                Node member = among.get(cursor.nodeReference());
                if (member != null) {
                    found.add(member);
                }
            }
        } catch (KernelException e) {
            throw new IllegalStateException("the key index could not be read in order", e);
        }
        return Optional.of(found);
    }

    private static boolean online(KernelTransaction kernel, IndexDescriptor index) {
        try {
            return kernel.schemaRead().indexGetState(index) == InternalIndexState.ONLINE;
        } catch (IndexNotFoundKernelException dropped) {
            return false;
        }
    }

    /** The node's id in the store, as the kernel's index cursors name nodes. */
    @SuppressWarnings("removal") // the kernel's name for a node, which Neo4j 5 (this project's) still has
    static long id(Node node) {
        return node.getId();
    }

    private static KernelTransaction kernel(Transaction transaction) {
        return ((InternalTransaction) transaction).kernelTransaction();
    }
}
