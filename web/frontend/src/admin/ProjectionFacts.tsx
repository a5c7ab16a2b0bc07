import { Time } from '../ui/Time';
import type { ProjectionStatus } from './adminApi';
import styles from './Admin.module.css';

export type RunState = 'live' | 'replaying' | 'stopped';

export function runStateOf(p: ProjectionStatus): RunState {
  if (p.replaying) return 'replaying';
  return p.thisNode.running ? 'live' : 'stopped';
}

/** What an admin needs to know of a group at a glance: whether it runs, how far behind it is, what went wrong. */
export function ProjectionFacts({ projection: p }: { projection: ProjectionStatus }) {
  const rebuild = p.rebuild;
  return (
    <dl className={styles.facts}>
      <dt>State</dt>
      <dd><span className={`${styles.state} ${styles[runStateOf(p)]}`}>{runStateOf(p)}</span></dd>
      <dt>Position</dt>
      <dd>{p.position ?? '–'} / {p.head}</dd>
      <dt>Lag</dt>
      <dd>{p.lag === null ? '–' : `${p.lag} event${p.lag === 1 ? '' : 's'}`}</dd>
      <dt>Parked events</dt>
      <dd className={p.deadLetters > 0 ? styles.alert : undefined}>{p.deadLetters}</dd>
      <dt>Errors</dt>
      <dd>
        {p.thisNode.errors.length === 0 && !p.thisNode.error ? 'none' : (
          <ul className={styles.errors}>
            {p.thisNode.errors.length === 0 ? <li>failing</li> : p.thisNode.errors.map((e) => <li key={e}>{e}</li>)}
          </ul>
        )}
      </dd>
      <dt>Rebuilds</dt>
      <dd>{p.besideLive ? 'beside the live model' : 'in place'}</dd>
      <dt>Last rebuild</dt>
      <dd>
        {rebuild ? (
          <>
            {rebuild.state.toLowerCase()}, asked <Time at={rebuild.requestedAt} />
            {rebuild.finishedAt && <>, ended <Time at={rebuild.finishedAt} /></>}
          </>
        ) : 'never'}
      </dd>
    </dl>
  );
}
