package org.bunnybook.api.friendship;

import java.util.UUID;

/** How {@code from} stands towards {@code to}; answers a {@link Relationship}. */
public record FindRelationship(UUID from, UUID to) {
}
