package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Staff hide a reported post from every member; {@code reportId} is the report it answers. */
@ReflectedIn({ReadModels.WALLS, ReadModels.FEED_CACHE, ReadModels.REPORTS})
public record HidePost(@TargetAggregateIdentifier UUID postId, UUID reportId, UUID moderatorId) {
}
