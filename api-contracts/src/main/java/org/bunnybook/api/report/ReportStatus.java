package org.bunnybook.api.report;

/** A report is open until staff answer its reporter; answering closes it. */
public enum ReportStatus {
    OPEN, CLOSED
}
