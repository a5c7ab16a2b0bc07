package org.bunnybook.api.report;

/** The report has been answered already (409): its reporter is answered once. */
public class ReportAlreadyClosed extends RuntimeException {
    public ReportAlreadyClosed() {
        super("this report has been answered already");
    }
}
