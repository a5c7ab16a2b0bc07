package org.bunnybook.api.report;

import org.axonframework.serialization.Revision;

import java.util.UUID;

/** A member reported a subject; the report is open in the moderation queue. */
@Revision("1")
public record ReportFiled(UUID reportId, UUID reporterId, String reporterUsername, ReportedSubject subject,
                          String reason) {
}
