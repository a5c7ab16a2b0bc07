package org.bunnybook.api.report;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.PersonalData;

import java.util.UUID;

/** Staff answered the reporter (who is notified with the answer); the report is closed. */
@Revision("1")
public record ReportAnswered(UUID reportId, UUID reporterId, UUID moderatorId, SubjectType subjectType,
                             UUID subjectId, @PersonalData(subject = "reporterId") String answer) {
}
