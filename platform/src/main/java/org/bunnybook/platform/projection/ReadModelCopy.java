package org.bunnybook.platform.projection;

import org.axonframework.common.transaction.TransactionManager;

/**
 * A second version of a group's read model, which a rebuild fills from history beside the live one while members
 * read that, and swaps in once it has caught up ({@link BesideLiveRebuilds}). A group whose read model is PostgreSQL
 * tables declares them as {@link OwnedTables} (copied by {@link TableCopies}); a read model in another store declares
 * a bean of this type. The rebuild's processor runs the live processor's very handlers, its units of work marked
 * ({@link RebuildCopies}): a handler writing to another store asks the mark and writes the copy.
 * <p>
 * Every method is called by the node that takes the step; where it says "in the transaction", within PostgreSQL's,
 * which commits the step, under the rebuild's row lock (or, for clearing away, the group's rebuild lock). Work in
 * another store must commit on its own, before that transaction does (through the store's driver: a client managed by
 * Spring would join PostgreSQL's transaction and commit after it), and be safe to do again if that transaction rolls
 * back. The copy is swapped in only once the rebuild's processor runs on no node.
 */
public interface ReadModelCopy {

    /** The processing group whose read model this copies. */
    String group();

    /** Refuses (a {@link org.bunnybook.platform.Conflict}) to start a rebuild whose copy could not be swapped in. */
    default void checkSwappable() {
    }

    /**
     * In the transaction: an empty copy for this rebuild, replacing whatever an earlier attempt left, and clearing away
     * what an earlier rebuild's swap retired (its {@link #afterSwitch} is skipped when this rebuild came too soon).
     */
    void create(long rebuild);

    /**
     * Whether a rebuild left something to clear away: a copy made and neither swapped in nor dropped, or what a swap
     * retired that {@link #afterSwitch} has not cleared away yet (skipped when a newer rebuild was asked for first,
     * which may then be cancelled before it is prepared). A cancelled rebuild is cleared away while this holds.
     */
    boolean leftBehind();

    /**
     * Whether this rebuild's copy is gone without having been swapped in: its store lost it (a Redis restarted
     * without its data, say) or someone removed it. Such a rebuild could never switch over, and is cancelled. A copy
     * swapped in by a switch whose transaction then failed is not lost: trying the switch again finishes it.
     */
    boolean lost(long rebuild);

    /**
     * In the transaction: drops the copy of a rebuild given up on. Not called once a newer rebuild of the group has
     * been asked for: its {@link #create} clears away the same, and the copy there may be the newer one's.
     */
    void drop();

    /** At every poll while the history is replayed into the copy. */
    default void whileBuilding() {
    }

    /**
     * In the transaction, once the copy has nearly caught up: makes what it went without while it was built (indexes
     * only members' reads use), and answers whether there was any; the copy then catches up again before the switch.
     */
    default boolean completeLeft() {
        return false;
    }

    /** Just before every node stops its live processor for the switch. */
    default void beforeSwitching() {
    }

    /**
     * In the switch's transaction, before it locks anything else: waits (briefly) until nothing writes the copy any
     * more (a batch of the rebuild's processor still finishing), and keeps it so, so that the processor, which writes
     * the copy and then its token, cannot deadlock with the switch. Nothing to do where the processor's writes commit
     * before its token does, as they must in another store.
     */
    default void lock() {
    }

    /**
     * In the switch's transaction, with every live processor stopped: the copy becomes the live read model, the old
     * one is retired. Answers false if this rebuild's copy had been swapped in already, by an attempt whose
     * transaction then failed to commit (possible only where the copy's store commits on its own): the live processor
     * must then keep its tokens, as it may have carried on since and the copy's processor may have written to a copy
     * no one swaps in; it replays what the copy had, which changes nothing in a read model written idempotently.
     */
    boolean swapIn(long rebuild);

    /**
     * After the switch has committed, on the node that made it, in a transaction of its own: clears away what the swap
     * retired. Not called once a newer rebuild of the group has been asked for, as for {@link #drop}.
     */
    default void afterSwitch() {
    }

    /** The transactions of the rebuild's processor, given those of the live processors. */
    default TransactionManager transactions(TransactionManager live) {
        return live;
    }

    /** The name the rebuild's processor keeps its tokens and parked events under. */
    default String shadowProcessor() {
        return group() + ".rebuild";
    }
}
