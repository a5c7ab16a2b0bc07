package org.bunnybook.api.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.ReflectedIn;

import java.util.UUID;

/** A member reports a subject they can see, with a reason; {@code reportId} is {@link ReportId#of}. */
@ReflectedIn(ReadModels.REPORTS)
public record FileReport(@TargetAggregateIdentifier UUID reportId, UUID reporterId, String reporterUsername,
                         ReportedSubject subject, String reason) {
}
