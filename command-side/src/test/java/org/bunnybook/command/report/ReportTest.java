package org.bunnybook.command.report;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.bunnybook.api.report.AnswerReport;
import org.bunnybook.api.report.FileReport;
import org.bunnybook.api.report.ReportAlreadyClosed;
import org.bunnybook.api.report.ReportAlreadyFiled;
import org.bunnybook.api.report.ReportAnswered;
import org.bunnybook.api.report.ReportFiled;
import org.bunnybook.api.report.ReportId;
import org.bunnybook.api.report.ReportedSubject;
import org.bunnybook.api.report.SubjectType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

class ReportTest {

    private final UUID reporter = UUID.randomUUID();
    private final UUID moderator = UUID.randomUUID();
    private final ReportedSubject post = new ReportedSubject(SubjectType.POST, UUID.randomUUID(), null,
            UUID.randomUUID(), "bigwig", "cheap carrots");
    private final UUID reportId = ReportId.of(reporter, SubjectType.POST, post.id());
    private AggregateTestFixture<Report> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Report.class);
    }

    private ReportFiled filed() {
        return new ReportFiled(reportId, reporter, "pipkin", post, "spam");
    }

    @Test
    void aFirstReportIsFiled() {
        fixture.givenNoPriorActivity()
                .when(new FileReport(reportId, reporter, "pipkin", post, "spam"))
                .expectEvents(filed());
    }

    @Test
    void theSameMemberReportsASubjectOnce() {
        fixture.given(filed())
                .when(new FileReport(reportId, reporter, "pipkin", post, "still spam"))
                .expectException(ReportAlreadyFiled.class)
                .expectNoEvents();
    }

    @Test
    void answeringClosesTheReportAndNamesTheReporter() {
        fixture.given(filed())
                .when(new AnswerReport(reportId, moderator, "hidden, thanks"))
                .expectEvents(new ReportAnswered(reportId, reporter, moderator, SubjectType.POST, post.id(),
                        "hidden, thanks"));
    }

    @Test
    void aReporterIsAnsweredOnce() {
        fixture.given(filed(), new ReportAnswered(reportId, reporter, moderator, SubjectType.POST, post.id(), "done"))
                .when(new AnswerReport(reportId, moderator, "again"))
                .expectException(ReportAlreadyClosed.class)
                .expectNoEvents();
    }

    @Test
    void theIdOfAReportIsTheReporterAndTheSubject() {
        org.assertj.core.api.Assertions.assertThat(ReportId.of(reporter, SubjectType.POST, post.id()))
                .isEqualTo(reportId)
                .isNotEqualTo(ReportId.of(UUID.randomUUID(), SubjectType.POST, post.id()))
                .isNotEqualTo(ReportId.of(reporter, SubjectType.COMMENT, post.id()));
    }
}
