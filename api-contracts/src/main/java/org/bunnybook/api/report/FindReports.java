package org.bunnybook.api.report;

import org.bunnybook.api.post.PageAfter;

/** The moderation queue, newest first, answered as a list of {@link ReportView}; {@code status} null: all. */
public record FindReports(ReportStatus status, PageAfter page) {
}
