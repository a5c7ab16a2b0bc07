package org.bunnybook.api.report;

/** The member has reported this subject before (409): one report per member and subject. */
public class ReportAlreadyFiled extends RuntimeException {
    public ReportAlreadyFiled() {
        super("you have already reported this");
    }
}
