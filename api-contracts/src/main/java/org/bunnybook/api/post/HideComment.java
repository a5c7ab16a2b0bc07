package org.bunnybook.api.post;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Staff hide a reported comment of the post from every member; {@code reportId} is the report it answers. */
@ReflectedIn({ReadModels.WALLS, ReadModels.REPORTS})
public record HideComment(@TargetAggregateIdentifier UUID postId, UUID commentId, UUID reportId, UUID moderatorId) {
}
