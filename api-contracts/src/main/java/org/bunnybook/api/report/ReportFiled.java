package org.bunnybook.api.report;

import org.axonframework.serialization.Revision;
import org.bunnybook.api.PersonalData;
import org.bunnybook.api.PersonalData.Erased;

import java.util.UUID;

/** A member reported a subject; the report is open in the moderation queue. */
@Revision("1")
public record ReportFiled(UUID reportId, UUID reporterId,
                          @PersonalData(subject = "reporterId", erasedAs = Erased.MEMBER) String reporterUsername,
                          ReportedSubject subject, @PersonalData(subject = "reporterId") String reason) {
}
