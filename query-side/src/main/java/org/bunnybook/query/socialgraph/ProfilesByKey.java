package org.bunnybook.query.socialgraph;

import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.IndexQueryConstraints;
import org.neo4j.internal.kernel.api.NodeValueIndexCursor;
import org.neo4j.internal.kernel.api.PropertyIndexQuery;
import org.neo4j.internal.kernel.api.Read;
import org.neo4j.internal.schema.IndexDescriptor;
import org.neo4j.internal.schema.IndexOrder;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.token.api.TokenConstants;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Members' profiles in the order of their keys, read from the {@code profile_key} index (the graph's migrations make
 * it) through Neo4j's kernel, in the caller's transaction: Neo4j's own API finds nodes by a key but has no ordered
 * walk of an index, which Cypher's {@code ORDER BY} on an indexed key has. An index entry is read from a leaf of
 * the index, beside the next one; a key from a node, its scattered property records.
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
     * The first {@code wanted} of {@code among} (by node id) whose keys come after {@code after} (from the first key
     * if null), in key order, reading at most {@code entries} index entries; empty if that was not enough to tell
     * (or there is no such index), for the caller to find them another way.
     */
    static Optional<List<Node>> firstAfter(Transaction transaction, Map<Long, Node> among, String after, int wanted,
                                           long entries) {
        KernelTransaction kernel = kernel(transaction);
        IndexDescriptor index = kernel.schemaRead().indexGetForName(INDEX);
        int key = kernel.tokenRead().propertyKey("key");
        if (index == IndexDescriptor.NO_INDEX || key == TokenConstants.NO_TOKEN) {
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

    private static KernelTransaction kernel(Transaction transaction) {
        return ((InternalTransaction) transaction).kernelTransaction();
    }
}
