package org.bunnybook.api.friendship;

import java.util.UUID;

/**
 * The shortest chain of friendships from one member to another, of at most {@link #MAX_HOPS} friendships; answered
 * with an {@code Optional<Connection>}, empty when there is none that short.
 */
public record FindConnection(UUID from, UUID to) {

    /** How far a connection is looked for: "4th" is as distant as a chain of acquaintances still means something. */
    public static final int MAX_HOPS = 4;
}
