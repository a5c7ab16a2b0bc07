import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { PagedList } from '../lib/PagedList';
import { useObservable } from '../lib/useObservable';
import { ErrorNote } from '../ui/ErrorNote';
import { PagedListFooter } from '../ui/PagedListFooter';
import { auditApi, type LedgerCheckpoint, type LedgerReport } from './auditApi';
import { CheckpointExport } from './CheckpointExport';
import { verdictOf } from './ledgerVerdict';
import { LedgerVerifier, type VerifierState } from './LedgerVerifier';
import { shortType } from './shortType';
import { parseTrustedCheckpoints } from './trustedCheckpoints';
import { StoredTime } from './StoredTime';
import styles from './Audit.module.css';

/**
 * Recomputes the ledger's hash chain over the history as stored now, optionally against checkpoints kept elsewhere.
 * The server runs it as a job (one at a time in the cluster); the page shows its progress until the report.
 */
export function VerifyPage() {
  const [pasted, setPasted] = useState('');
  const verifier = useMemo(() => new LedgerVerifier(auditApi), []);
  const view = useObservable(verifier.state$, verifier.value);
  useEffect(() => () => verifier.stop(), [verifier]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseTrustedCheckpoints(pasted);
    if (parsed.error !== null) {
      verifier.set({ job: null, alreadyRunning: false, progress: null, error: parsed.error });
      return;
    }
    void verifier.start(parsed.checkpoints);
  };
  const running = view.job?.state === 'RUNNING';

  return (
    <section aria-labelledby="verify-title">
      <h1 id="verify-title">Verify the history</h1>
      <form onSubmit={submit} className="card stack">
        <p className="muted">
          Every stored event is hashed again from its bytes and chained from the first; the first event or ledger entry
          that does not hold is named; the chain’s end is compared with the event store’s, and every snapshot with its
          seal. Signed checkpoints you exported and kept outside the database also prove the history was not rewritten
          and chained anew.
        </p>
        <label>
          Checkpoints you kept (optional)
          <span className="hint">An exported checkpoint file’s JSON, the JSON listed below, or one “position chainHash” per line.</span>
          <textarea rows={4} value={pasted} onChange={(e) => setPasted(e.target.value)} className={styles.mono}
            data-testid="kept-checkpoints" />
        </label>
        <label>
          Or load an exported checkpoint file
          <input type="file" accept="application/json,.json" data-testid="checkpoint-file"
            onChange={(e) => void e.target.files?.[0]?.text().then(setPasted)} />
        </label>
        <div className="row">
          <button type="submit" disabled={running}>Verify the history</button>
        </div>
        {view.job && running && <VerifyProgress view={view} />}
        {view.alreadyRunning && <p className="hint">A verification was already running; it is followed instead (one runs at a time).</p>}
        <ErrorNote error={view.error} />
      </form>
      {view.job?.report && <VerifyResult report={view.job.report} />}
      <CheckpointExport />
      {view.job && (view.job.state === 'FAILED' || view.job.state === 'ABANDONED') && (
        <p className="card" role="alert">
          The verification {view.job.state === 'FAILED' ? `failed: ${view.job.failure ?? 'no reason given'}` : 'was abandoned: its server stopped while running'}. Nothing is known about the history; verify again.
        </p>
      )}
      <Checkpoints />
    </section>
  );
}

function VerifyProgress({ view }: { view: VerifierState }) {
  const job = view.job!;
  return (
    <div className="row" role="status" data-testid="verify-progress">
      <progress aria-label="Verification progress" value={view.progress ?? 0} max={1} />
      <span className="muted">
        Verifying… {job.entriesChecked.toLocaleString()} of {job.entriesTotal.toLocaleString()} ledger entries
      </span>
    </div>
  );
}

const REASONS: Record<string, string> = {
  EVENT_ALTERED: 'an event’s stored bytes differ from those it was chained with',
  EVENT_MISSING: 'a chained event is no longer in the store',
  LEDGER_ALTERED: 'the ledger’s own record was changed',
  CHECKPOINT_MISMATCH: 'the recomputed chain disagrees with a checkpoint',
  CHECKPOINT_FORGED: 'the checkpoint’s signature does not hold: it was not sealed with this deployment’s key',
  CHAIN_TRUNCATED: 'entries were removed from the chain’s end',
};

const TONES = { intact: styles.intact, lagging: styles.lagging, broken: styles.broken };

function VerifyResult({ report }: { report: LedgerReport }) {
  const problem = report.firstMismatch;
  const verdict = verdictOf(report);
  const altered = report.snapshots?.firstAltered;
  return (
    <div data-testid="verify-result" data-status={report.status} role="status" className={`card stack ${TONES[verdict.tone]}`}>
      <h2>{verdict.title}</h2>
      <p>{verdict.explanation}</p>
      {problem && (
        <p>
          <strong>{problem.reason}</strong> at ledger position {problem.position}: {REASONS[problem.reason] ?? problem.reason}.
        </p>
      )}
      <dl className={styles.facts}>
        {problem && (
          <>
            <dt>Event</dt>
            <dd>
              position {problem.globalIndex}
              {problem.payloadType && <>, {shortType(problem.payloadType)}</>}
              {problem.sequenceNumber !== null && <>, sequence {problem.sequenceNumber}</>}
              {problem.eventIdentifier && <> (<span className={styles.mono}>{problem.eventIdentifier}</span>)</>}
            </dd>
            {problem.aggregateIdentifier && (
              <>
                <dt>Aggregate</dt>
                <dd>
                  <Link to={`/audit/aggregates/${encodeURIComponent(problem.aggregateIdentifier)}`} className={styles.mono}>
                    {problem.aggregateIdentifier}
                  </Link>
                </dd>
              </>
            )}
          </>
        )}
        <dt>Events checked</dt>
        <dd>{report.eventsChecked}</dd>
        <dt>Checkpoints checked</dt>
        <dd>{report.checkpointsChecked}</dd>
        <dt>{report.intact ? 'Chain head' : 'Intact up to'}</dt>
        <dd>
          {report.head
            ? <>position {report.head.position} (event {report.head.globalIndex}), <span className={styles.mono}>{report.head.chainHash}</span></>
            : 'nothing chained yet'}
        </dd>
        {report.storeHead !== undefined && (
          <>
            <dt>Event store head</dt>
            <dd>position {report.storeHead}{report.behind > 0 && `, ${report.behind} not chained yet`}</dd>
          </>
        )}
        <dt>Unchained events</dt>
        <dd>
          {report.unchained}
          {report.unchained > 0 && ` (below the chain’s head but not in it${report.firstUnchained !== null ? `; the first at position ${report.firstUnchained}` : ''})`}
        </dd>
        {report.snapshots && (
          <>
            <dt>Snapshots</dt>
            <dd>
              {report.snapshots.checked} checked, {report.snapshots.altered} altered, {report.snapshots.unsealed} unsealed
              {altered && (
                <>
                  {' '}(first altered:{' '}
                  <Link to={`/audit/aggregates/${encodeURIComponent(altered.aggregateIdentifier)}`} className={styles.mono}>
                    {altered.aggregateIdentifier}
                  </Link>{' '}at sequence {altered.sequenceNumber})
                </>
              )}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}

function Checkpoints() {
  const list = useMemo(
    () => new PagedList<LedgerCheckpoint>((last, limit) => auditApi.checkpoints(last?.position ?? 0, limit),
      (c) => String(c.position), 100),
    [],
  );
  const page = useObservable(list.state$, list.value);
  useEffect(() => {
    list.loadMore();
  }, [list]);
  return (
    <section className="card" aria-labelledby="checkpoints-title">
      <h2 id="checkpoints-title">Published checkpoints</h2>
      <p className="hint">Sealed and signed every 1000 events, and on demand. Keep copies outside the database and paste them above to verify against them.</p>
      {page.items.length > 0 && (
        <div className={styles.scroll}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Position</th>
                <th scope="col">Event</th>
                <th scope="col">Chain hash</th>
                <th scope="col">Sealed</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((c) => (
                <tr key={c.position} data-testid="checkpoint">
                  <td>{c.position}</td>
                  <td>{c.globalIndex}</td>
                  <td className={styles.mono}>{c.chainHash}</td>
                  <td className={styles.mono}><StoredTime at={c.sealedAt} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PagedListFooter page={page} loadMore={() => void list.loadMore()}
        empty="No checkpoint sealed yet." loadMoreLabel="More checkpoints" />
    </section>
  );
}
