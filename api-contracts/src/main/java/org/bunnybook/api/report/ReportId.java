package org.bunnybook.api.report;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A member's report of a subject has one id, derived from the reporter and the subject: a second report of the same
 * subject by the same member meets the first one's aggregate, which refuses it (however the two requests race).
 */
public final class ReportId {

    private ReportId() {
    }

    public static UUID of(UUID reporterId, SubjectType subjectType, UUID subjectId) {
        return UUID.nameUUIDFromBytes(("report/" + reporterId + "/" + subjectType + "/" + subjectId)
                .getBytes(StandardCharsets.UTF_8));
    }
}
