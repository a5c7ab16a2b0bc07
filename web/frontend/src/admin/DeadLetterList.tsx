import { useEffect, useMemo, useState } from 'react';
import { useObservable } from '../lib/useObservable';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { shortType } from '../audit/shortType';
import { adminApi, type ParkedEvent } from './adminApi';
import { DeadLetters } from './DeadLetters';
import { ConfirmDialog } from './ConfirmDialog';
import styles from './Admin.module.css';

/** A group's parked events, listed again whenever the polled count of them changes. */
export function DeadLetterList({ group, count }: { group: string; count: number }) {
  const letters = useMemo(() => new DeadLetters(group, adminApi), [group]);
  const view = useObservable(letters.state$, letters.value);
  const retryAll = useAction(() => letters.retryAll());
  useEffect(() => {
    letters.load();
  }, [letters, count]);

  return (
    <section className="card stack" aria-labelledby="dead-letters-title">
      <div className={styles.heading}>
        <h2 id="dead-letters-title">Dead letters</h2>
        <button type="button" onClick={() => retryAll.run()} disabled={retryAll.busy || view.letters.length === 0}>
          Retry all
        </button>
      </div>
      <p className="hint">Events the projection failed on, parked with the later events of their sequence until retried.</p>
      <ErrorNote error={view.error ?? retryAll.error} />
      {view.outcome && <p className="notice" role="status">{view.outcome}</p>}
      {view.letters.length === 0 && !view.loading && !view.error && <p className="muted">No parked event.</p>}
      {view.letters.length > 0 && (
        <div className={styles.scroll}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Sequence</th>
                <th scope="col">Event</th>
                <th scope="col">Parked</th>
                <th scope="col">Cause</th>
                <th scope="col"><span className="muted">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {view.letters.map((letter) => (
                <DeadLetterRow key={letter.eventId} letter={letter} letters={letters} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DeadLetterRow({ letter, letters }: { letter: ParkedEvent; letters: DeadLetters }) {
  const [confirming, setConfirming] = useState(false);
  const retry = useAction(() => letters.retry(letter.sequence));
  const evict = useAction(() => letters.evict(letter.sequence));
  return (
    <tr data-testid="dead-letter">
      <td className={styles.mono}>{letter.sequence} <span className="hint">#{letter.index}</span></td>
      <td>
        <span title={letter.type}>{shortType(letter.type)}</span>
        <div className={`hint ${styles.mono}`}>
          {letter.aggregateType} {letter.aggregateId}
          {letter.aggregateSequence !== null && ` · sequence ${letter.aggregateSequence}`}
        </div>
      </td>
      <td className={styles.mono}>{letter.enqueuedAt ?? '–'}</td>
      <td>
        <strong title={letter.causeType ?? undefined}>{letter.causeType ? shortType(letter.causeType) : 'unknown'}</strong>
        {letter.causeMessage && <div className="hint">{letter.causeMessage}</div>}
      </td>
      <td>
        <div className="row">
          <button type="button" className="secondary" onClick={() => retry.run()} disabled={retry.busy || evict.busy}>Retry</button>
          <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={retry.busy || evict.busy}>Evict</button>
        </div>
        <ErrorNote error={retry.error ?? evict.error} />
        {confirming && (
          <ConfirmDialog
            title="Evict these parked events?"
            confirmLabel="Evict"
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              evict.run();
            }}
          >
            Every parked event of sequence <span className={styles.mono}>{letter.sequence}</span> is dropped: the read
            model will never see them, until it is rebuilt.
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
