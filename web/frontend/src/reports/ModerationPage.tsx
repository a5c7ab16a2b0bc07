import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useObservable } from '../lib/useObservable';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { Time } from '../ui/Time';
import { WidePage } from '../ui/WidePage';
import { ModerationQueue } from './ModerationQueue';
import { MAX_ANSWER, reportApi, type Report, type ReportStatus } from './reportApi';
import styles from './Reports.module.css';

const WHAT = { POST: 'A post', COMMENT: 'A comment', MESSAGE: 'A chat message', PROFILE: 'A member' } as const;

/** The moderation queue for moderators and admins: reports, what was reported, hiding it and answering the reporter. */
export function ModerationPage() {
  const queue = useMemo(() => new ModerationQueue(reportApi), []);
  const state = useObservable(queue.state$, queue.value);
  useEffect(() => void queue.show('OPEN'), [queue]);
  return (
    <WidePage>
      <section aria-labelledby="moderation-title" className="stack">
        <h1 id="moderation-title">Moderation</h1>
        <div className="row" role="group" aria-label="Which reports">
          {(['OPEN', 'CLOSED'] as ReportStatus[]).map((status) => (
            <button key={status} type="button" className={state.status === status ? '' : 'secondary'}
              aria-pressed={state.status === status} onClick={() => void queue.show(status)}>
              {status === 'OPEN' ? 'Open' : 'Answered'}
            </button>
          ))}
        </div>
        <div className={styles.queue}>
          <div className="stack">
            <ul className={styles.items} aria-label="Reports">
              {state.reports.map((report) => (
                <li key={report.id}>
                  <button type="button" className={`secondary ${styles.item}`} data-testid="report"
                    aria-current={state.chosen?.id === report.id} onClick={() => queue.choose(report)}>
                    {report.subject.type === 'PROFILE'
                      ? `The member ${report.subject.authorUsername}`
                      : `${WHAT[report.subject.type]} by ${report.subject.authorUsername ?? 'someone'}`}
                    , reported by {report.reporterUsername}: “{report.reason}”
                  </button>
                </li>
              ))}
            </ul>
            {state.loading && <p className="hint" role="status">Loading reports…</p>}
            {!state.loading && state.reports.length === 0 && !state.error && (
              <p className="muted">{state.status === 'OPEN' ? 'No open reports.' : 'No answered reports.'}</p>
            )}
            <ErrorNote error={state.error} />
            {!state.loading && state.more && (
              <button type="button" className="link" onClick={() => void queue.loadMore()}>Older reports</button>
            )}
          </div>
          {state.chosen && <ReportDetail key={state.chosen.id} report={state.chosen} queue={queue} />}
        </div>
      </section>
    </WidePage>
  );
}

function ReportDetail({ report, queue }: { report: Report; queue: ModerationQueue }) {
  const [answer, setAnswer] = useState('');
  const hide = useAction(() => queue.hide(report.id));
  const reply = useAction(() => queue.answer(report.id, answer));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void reply.run();
  };
  const { subject } = report;
  return (
    <article className="card stack" aria-labelledby="report-title" data-testid="report-detail">
      <h2 id="report-title">{WHAT[subject.type]} reported</h2>
      <p className="hint">
        By <Link to={`/profiles/${report.reporterId}`}>{report.reporterUsername}</Link>, <Time at={report.filedAt} />:
        “{report.reason}”
      </p>
      <p>
        Written by{' '}
        {subject.authorId ? <Link to={`/profiles/${subject.authorId}`}>{subject.authorUsername}</Link> : 'someone'}
        {subject.type === 'POST' && <> (<Link to={`/posts/${subject.id}`}>the post</Link>)</>}
        {subject.type === 'COMMENT' && subject.parentId && <> (on <Link to={`/posts/${subject.parentId}`}>this post</Link>)</>}
      </p>
      <blockquote className={styles.subject} data-testid="reported-content">{subject.content}</blockquote>
      {report.hiddenAt ? (
        <p role="status" data-testid="hidden">Hidden from members <Time at={report.hiddenAt} />.</p>
      ) : subject.type !== 'PROFILE' && (
        <div>
          <button type="button" className="danger" disabled={hide.busy} onClick={() => void hide.run()}>
            Hide from members
          </button>
          <ErrorNote error={hide.error} />
        </div>
      )}
      {report.status === 'CLOSED' ? (
        <p data-testid="answer">Answered <Time at={report.answeredAt!} />: “{report.answer}”</p>
      ) : (
        <form onSubmit={submit} className="stack">
          <textarea aria-label="Answer to the reporter" placeholder="Answer to the reporter…" rows={3}
            maxLength={MAX_ANSWER} value={answer} onChange={(e) => setAnswer(e.target.value)} />
          <div>
            <button type="submit" disabled={reply.busy || answer.trim() === ''}>Answer and close</button>
          </div>
          <ErrorNote error={reply.error} />
        </form>
      )}
    </article>
  );
}
