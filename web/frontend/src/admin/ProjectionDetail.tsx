import { Link, useParams } from 'react-router';
import { ErrorNote } from '../ui/ErrorNote';
import type { Segment, ShadowStatus } from './adminApi';
import { useProjectionStatuses } from './useProjectionStatuses';
import { ProjectionFacts } from './ProjectionFacts';
import { RebuildControl } from './RebuildControl';
import { DeadLetterList } from './DeadLetterList';
import styles from './Admin.module.css';

/** One processing group in full: its segments across the nodes, and its parked events. */
export function ProjectionDetail() {
  const name = useParams().name!;
  const { projections, loaded, error, poke } = useProjectionStatuses(name);
  const projection = projections[0];
  return (
    <section aria-labelledby="projection-title" data-testid={`projection-${name}`}>
      <p><Link to="/admin/projections">← All projections</Link></p>
      <h1 id="projection-title">{name}</h1>
      <ErrorNote error={error} />
      {!loaded && !error && <p className="muted">Loading…</p>}
      {projection && (
        <>
          <div className={`card stack ${styles.split}`}>
            <ProjectionFacts projection={projection} />
            <RebuildControl projection={projection} onChange={poke} />
          </div>
          <Segments id="segments-title" title="Segments" segments={projection.segments} node={projection.thisNode.node} />
          {projection.shadow && <BeingBuilt shadow={projection.shadow} node={projection.thisNode.node} />}
          <DeadLetterList group={name} count={projection.deadLetters} />
        </>
      )}
    </section>
  );
}

/** The read model being built beside the live one: its own processor, where it stands, its own parked events. */
function BeingBuilt({ shadow, node }: { shadow: ShadowStatus; node: string }) {
  return (
    <>
      <p className="muted" data-testid="shadow">
        Being built beside the live model by <span className={styles.mono}>{shadow.name}</span>: position{' '}
        {shadow.position ?? '–'}, lag {shadow.lag ?? '–'}, {shadow.deadLetters} parked
        {shadow.runningHere ? ', running on this node' : ''}.
      </p>
      <Segments id="shadow-segments-title" title="Segments of the read model being built" segments={shadow.segments} node={node} />
    </>
  );
}

function Segments({ id, title, segments, node }: { id: string; title: string; segments: Segment[]; node: string }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {segments.length === 0 ? <p className="muted">No segment has claimed a token yet.</p> : (
        <div className={styles.scroll}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Owner node</th>
                <th scope="col">Position</th>
                <th scope="col">Replaying</th>
              </tr>
            </thead>
            <tbody>
              {segments.map((s) => (
                <tr key={s.segment} data-testid="segment">
                  <td>{s.segment}</td>
                  <td className={styles.mono}>
                    {s.owner ?? <span className="muted">none</span>}
                    {s.owner === node && <span className="hint"> (this node)</span>}
                  </td>
                  <td>{s.position ?? '–'}</td>
                  <td>{s.replaying ? `yes, ${Math.floor((s.progress ?? 0) * 100)} %` : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
