package org.bunnybook.api.report;

import java.util.UUID;

/** Answers an {@link java.util.Optional} of {@link ReportView}. */
public record FindReport(UUID reportId) {
}
