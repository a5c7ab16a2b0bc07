import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useObservable } from '../lib/useObservable';
import { ErrorNote } from '../ui/ErrorNote';
import { auditApi, type AuditedEvent } from './auditApi';
import { shortType } from './shortType';
import { localToIso } from './EventQuery';
import { TimeTravel, type TimeTravelState } from './TimeTravel';
import { EventDetails } from './EventDetails';
import { StoredTime } from './StoredTime';
import styles from './Audit.module.css';

/** One aggregate's history as a timeline, and its state at any point of it (time travel). */
export function AggregateTimeline() {
  const id = useParams().id!;
  const travel = useMemo(() => new TimeTravel(id, auditApi), [id]);
  const view = useObservable(travel.state$, travel.value);
  useEffect(() => {
    travel.open();
  }, [travel]);

  const type = view.history[0]?.aggregateType ?? view.state?.aggregateType;
  return (
    <section aria-labelledby="aggregate-title">
      <h1 id="aggregate-title">
        {type ?? 'Aggregate'} <span className={styles.mono}>{id}</span>
      </h1>
      <p className="row">
        <Link to={`/audit?aggregate_id=${encodeURIComponent(id)}`}>Its events in the event browser</Link>
        {view.status === 409 && <Link to="/audit/verify">Verify the history to find the altered event</Link>}
      </p>
      <ErrorNote error={view.error} />
      {view.loading && view.history.length === 0 && <p className="muted" role="status">Loading…</p>}
      {view.history.length > 0 && (
        <div className={styles.travel}>
          <Timeline history={view.history} current={view.state?.sequence ?? null} onPick={(s) => travel.goTo(s)} />
          <div className="card stack">
            <TravelControls travel={travel} view={view} />
            <StateAtTime onPick={(at) => travel.goToTime(at)} />
            <AggregateStateView view={view} />
          </div>
        </div>
      )}
    </section>
  );
}

function TravelControls({ travel, view }: { travel: TimeTravel; view: TimeTravelState }) {
  return (
    <div className="stack">
      <div className={styles.slider}>
        <button type="button" className="secondary" onClick={() => travel.previous()} disabled={!travel.canGoBack()}>
          Previous
        </button>
        <input
          type="range"
          aria-label="Sequence"
          min={travel.first ?? 0}
          max={travel.last ?? 0}
          step={1}
          value={view.sequence ?? 0}
          onChange={(e) => travel.goTo(Number(e.target.value))}
        />
        <button type="button" className="secondary" onClick={() => travel.next()} disabled={!travel.canGoOn()}>
          Next
        </button>
      </div>
      <span className="hint">Sequence {view.sequence ?? '–'} of {travel.first}–{travel.last}{view.hasMore && ' read so far'}</span>
      {view.hasMore && (
        <button type="button" className="secondary" onClick={() => void travel.loadMore()} disabled={view.loading}>
          Later events
        </button>
      )}
    </div>
  );
}

function StateAtTime({ onPick }: { onPick: (at: string) => void }) {
  const [local, setLocal] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (local) onPick(localToIso(local));
  };
  return (
    <form onSubmit={submit} className={styles.atTime} aria-label="State at time">
      <label>
        State at time
        <input type="datetime-local" step={0.001} value={local} onChange={(e) => setLocal(e.target.value)} />
      </label>
      <button type="submit" className="secondary" disabled={!local}>Show state</button>
    </form>
  );
}

function AggregateStateView({ view }: { view: TimeTravelState }) {
  const { state } = view;
  if (!state) return view.loading ? <p className="muted">Loading…</p> : null;
  return (
    <div className={view.loading ? styles.stale : undefined} aria-busy={view.loading}>
      <p className="hint">
        {state.sequence === null
          ? 'It did not exist yet at that point.'
          : <>After {state.eventsApplied} event{state.eventsApplied === 1 ? '' : 's'}, up to sequence {state.sequence} (<StoredTime at={state.timestamp} />)</>}
      </p>
      <pre data-testid="aggregate-state" className={styles.json}>
        {state.state === null ? 'null' : JSON.stringify(state.state, null, 2)}
      </pre>
    </div>
  );
}

function Timeline({ history, current, onPick }: { history: AuditedEvent[]; current: number | null; onPick: (sequence: number) => void }) {
  return (
    <ol className={`card ${styles.timeline}`} aria-label="History">
      {history.map((event) => {
        const here = event.sequence === current;
        const future = current !== null && event.sequence > current;
        return (
          <li
            key={event.globalPosition}
            data-testid="timeline-event"
            aria-current={here ? 'step' : undefined}
            className={`${styles.step} ${future ? styles.future : ''}`}
          >
            <div className={styles.stepHead}>
              <button type="button" className="link" onClick={() => onPick(event.sequence)} title="Show the state after this event">
                #{event.sequence} {shortType(event.type)}
              </button>
              <span className={`hint ${styles.mono}`}><StoredTime at={event.timestamp} /></span>
            </div>
            <div className="hint">
              by <span className={styles.mono}>{event.metadata?.actor ?? '—'}</span> · position {event.globalPosition}
            </div>
            <EventDetails event={event} />
          </li>
        );
      })}
    </ol>
  );
}
