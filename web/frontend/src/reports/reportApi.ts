import { http } from '../api/http';

// The reporting and moderation API's shapes (web/.../report/ReportController.java, ModerationController.java).

export type SubjectType = 'POST' | 'COMMENT' | 'MESSAGE' | 'PROFILE';
export type ReportStatus = 'OPEN' | 'CLOSED';

/** A report as its reporter is answered. */
export interface FiledReport {
  id: string;
  status: ReportStatus;
  filedAt: string;
  subjectType: SubjectType;
  subjectId: string;
  reason: string;
}

/** What was reported, as the reporter saw it; `parentId` is a comment's post or a message's conversation. */
export interface ReportedSubject {
  type: SubjectType;
  id: string;
  parentId: string | null;
  authorId: string | null;
  authorUsername: string | null;
  content: string | null;
}

/** A report as staff see it in the queue. */
export interface Report {
  id: string;
  status: ReportStatus;
  filedAt: string;
  reporterId: string;
  reporterUsername: string;
  reason: string;
  subject: ReportedSubject;
  hiddenAt: string | null;
  hiddenBy: string | null;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
}

/** As the server holds it. */
export const MAX_REASON = 1000;
export const MAX_ANSWER = 2000;

const report = (id: string) => `/admin/reports/${encodeURIComponent(id)}`;

export const reportApi = {
  file: (subjectType: SubjectType, subjectId: string, reason: string) =>
    http.post<FiledReport>('/reports', { subjectType, subjectId, reason }),
  queue: (status: ReportStatus, olderThan?: string, olderThanId?: string, limit = 10) =>
    http.get<Report[]>('/admin/reports', {
      status: status.toLowerCase(), older_than: olderThan, older_than_id: olderThanId, limit,
    }),
  report: (id: string) => http.get<Report>(report(id)),
  hide: (id: string) => http.post<Report>(`${report(id)}/hide`),
  answer: (id: string, answer: string) => http.post<Report>(`${report(id)}/answer`, { answer }),
};
