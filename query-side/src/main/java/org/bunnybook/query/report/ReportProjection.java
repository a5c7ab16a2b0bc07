package org.bunnybook.query.report;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bunnybook.api.PersonalData.Erased;
import org.bunnybook.api.ReadModels;
import org.bunnybook.api.account.AccountErased;
import org.bunnybook.api.chat.MessageHidden;
import org.bunnybook.api.post.CommentHidden;
import org.bunnybook.api.post.PostHidden;
import org.bunnybook.api.report.ReportAnswered;
import org.bunnybook.api.report.ReportFiled;
import org.bunnybook.api.report.ReportStatus;
import org.bunnybook.api.report.ReportedSubject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The moderation queue, in the token's transaction ({@code V28__reports.sql}): reports as filed and answered, and the
 * subjects staff hid. Every statement is idempotent, and hidden subjects are joined when read, so handling an event
 * twice, or a hiding before the report a rebuild meets later, comes to the same queue.
 */
@Component
@ProcessingGroup(ReadModels.REPORTS)
class ReportProjection {

    private final JdbcClient jdbc;

    ReportProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReportFiled event, @Timestamp Instant at) {
        ReportedSubject subject = event.subject();
        jdbc.sql("""
                        INSERT INTO reports (report_id, status, filed_at, reporter_id, reporter_username, reason,
                                             subject_type, subject_id, subject_parent_id, subject_author_id,
                                             subject_author_username, subject_content)
                        VALUES (:id, :status, :at, :reporter, :reporterUsername, :reason, :type, :subject, :parent,
                                :author, :authorUsername, :content)
                        ON CONFLICT DO NOTHING""")
                .param("id", event.reportId()).param("status", ReportStatus.OPEN.name()).param("at", utc(at))
                .param("reporter", event.reporterId()).param("reporterUsername", event.reporterUsername())
                .param("reason", event.reason()).param("type", subject.type().name()).param("subject", subject.id())
                .param("parent", subject.parentId()).param("author", subject.authorId())
                .param("authorUsername", subject.authorUsername()).param("content", subject.content())
                .update();
    }

    @EventHandler
    void on(ReportAnswered event, @Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE reports SET status = :status, answer = :answer, answered_by = :by, answered_at = :at
                        WHERE report_id = :id""")
                .param("status", ReportStatus.CLOSED.name()).param("answer", event.answer())
                .param("by", event.moderatorId()).param("at", utc(at)).param("id", event.reportId())
                .update();
    }

    @EventHandler
    void on(PostHidden event, @Timestamp Instant at) {
        hidden(event.postId(), event.hiddenBy(), at);
    }

    @EventHandler
    void on(CommentHidden event, @Timestamp Instant at) {
        hidden(event.commentId(), event.hiddenBy(), at);
    }

    @EventHandler
    void on(MessageHidden event, @Timestamp Instant at) {
        hidden(event.messageId(), event.hiddenBy(), at);
    }

    /**
     * What the member wrote or was called in reports reads as erased, as their events now decrypt, so a rebuild makes
     * the same queue: their reports' names, reasons and answers, and the evidence of subjects they wrote.
     */
    @EventHandler
    void on(AccountErased event) {
        jdbc.sql("""
                        UPDATE reports SET reporter_username = :member, reason = :text,
                            answer = CASE WHEN answer IS NULL THEN NULL ELSE :text END
                        WHERE reporter_id = :id""")
                .param("member", Erased.MEMBER.placeholder()).param("text", Erased.TEXT.placeholder())
                .param("id", event.profileId()).update();
        jdbc.sql("""
                        UPDATE reports SET subject_author_username = :member, subject_content = :text
                        WHERE subject_author_id = :id""")
                .param("member", Erased.MEMBER.placeholder()).param("text", Erased.TEXT.placeholder())
                .param("id", event.profileId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE reports, hidden_subjects").update();
    }

    private void hidden(UUID subject, UUID by, Instant at) {
        jdbc.sql("INSERT INTO hidden_subjects (subject_id, hidden_at, hidden_by) VALUES (:subject, :at, :by)"
                        + " ON CONFLICT DO NOTHING")
                .param("subject", subject).param("at", utc(at)).param("by", by).update();
    }

    /** Milliseconds, as the API shows them, so that a page boundary given as a shown time is exact. */
    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
