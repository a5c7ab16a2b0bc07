package org.bunnybook.api.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** Staff (a moderator or an admin) answer an open report's reporter, which closes it. */
@ReflectedIn({ReadModels.REPORTS, ReadModels.NOTIFICATIONS})
public record AnswerReport(@TargetAggregateIdentifier UUID reportId, UUID moderatorId, String answer) {
}
