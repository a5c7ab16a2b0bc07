import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useObservable } from '../lib/useObservable';
import { ErrorNote } from '../ui/ErrorNote';
import { ReportDraft } from './ReportDraft';
import { MAX_REASON, reportApi, type SubjectType } from './reportApi';
import styles from './Reports.module.css';

/** What the button and its dialog say; none says "message", which names the chat's own text box. */
const ASK: Record<SubjectType, string> = {
  POST: 'Report this post',
  COMMENT: 'Report this comment',
  MESSAGE: 'Report what they wrote',
  PROFILE: 'Report this member',
};

/** "Report" on a post, comment, chat message or profile: asks for a reason in a dialog and sends the report. */
export function ReportButton({ subjectType, subjectId }: { subjectType: SubjectType; subjectId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={`link ${styles.report}`} onClick={() => setOpen(true)}
        aria-label={ASK[subjectType]}>
        Report
      </button>
      {open && <ReportDialog subjectType={subjectType} subjectId={subjectId} onClose={() => setOpen(false)} />}
    </>
  );
}

function ReportDialog({ subjectType, subjectId, onClose }: {
  subjectType: SubjectType;
  subjectId: string;
  onClose: () => void;
}) {
  const draft = useMemo(() => new ReportDraft(reportApi, subjectType, subjectId), [subjectType, subjectId]);
  const state = useObservable(draft.state$, draft.value);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current!;
    dialog.showModal();
    return () => dialog.close();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void draft.send();
  };
  return (
    <dialog ref={ref} className={styles.dialog} aria-labelledby={titleId} data-testid="report-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}>
      <h2 id={titleId}>{ASK[subjectType]}</h2>
      {state.outcome ? (
        <>
          <p role="status">
            {state.outcome === 'reported'
              ? 'Thank you: moderators will look at it and answer you in your notifications.'
              : 'You have reported this already: moderators will answer you in your notifications.'}
          </p>
          <div className={styles.actions}>
            <button type="button" onClick={onClose} autoFocus>Close</button>
          </div>
        </>
      ) : (
        <form onSubmit={submit}>
          <textarea aria-label="Why do you report this?" placeholder="Why do you report this?" rows={4}
            maxLength={MAX_REASON} value={state.reason} onChange={(e) => draft.write(e.target.value)} autoFocus />
          <ErrorNote error={state.error} />
          <div className={styles.actions}>
            <button type="button" className="secondary" onClick={onClose}>Cancel</button>
            <button type="submit" className="danger" disabled={state.sending || state.reason.trim() === ''}>
              Send report
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
