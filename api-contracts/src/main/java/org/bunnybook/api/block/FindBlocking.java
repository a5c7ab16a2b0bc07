package org.bunnybook.api.block;

import java.util.UUID;

/**
 * Whether the viewer and another member block one another, as the blocks read model knows it; answered with a
 * {@link Blocking}. {@code viewerId} may be null (an anonymous reader), whom nobody blocks.
 */
public record FindBlocking(UUID viewerId, UUID otherId) {
}
