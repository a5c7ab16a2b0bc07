package org.bunnybook.command.friendship;

import java.util.UUID;

/**
 * What other aggregates' rules need to know of blocks: whether either of two members blocks the other, as the pair's
 * {@link Friendship} history records it. Never a read model, which may be behind: a comment, like or chat message
 * sent a moment after a block must already be refused. Posts and conversations ask it; it lives here, beside the
 * state it reads, because more than one of them does.
 */
public interface Blocks {

    boolean between(UUID one, UUID other);
}
