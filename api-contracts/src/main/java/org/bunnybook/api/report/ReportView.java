package org.bunnybook.api.report;

import java.time.Instant;
import java.util.UUID;

/**
 * A report as staff see it in the moderation queue: the subject as reported, whether it has been hidden since (and
 * by whom), and the answer once the reporter has had one.
 */
public record ReportView(UUID id, ReportStatus status, Instant filedAt, UUID reporterId, String reporterUsername,
                         String reason, ReportedSubject subject, Instant hiddenAt, UUID hiddenBy, String answer,
                         UUID answeredBy, Instant answeredAt) {
}
