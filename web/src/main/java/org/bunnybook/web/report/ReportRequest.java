package org.bunnybook.web.report;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.bunnybook.api.report.SubjectType;

import java.util.UUID;

/** What a member reports and why. */
public record ReportRequest(
        @NotNull(message = "field required") @JsonAlias("subject_type") SubjectType subjectType,
        @NotNull(message = "field required") @JsonAlias("subject_id") UUID subjectId,
        @NotBlank(message = "must not be blank")
        @Size(max = ReportRequest.MAX_REASON, message = "must be 1 to " + ReportRequest.MAX_REASON + " characters")
        String reason) {

    /** As the read model's column holds it. */
    static final int MAX_REASON = 1000;
}
