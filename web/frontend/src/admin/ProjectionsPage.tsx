import { Link } from 'react-router';
import { ErrorNote } from '../ui/ErrorNote';
import { useProjectionStatuses } from './useProjectionStatuses';
import { ProjectionFacts } from './ProjectionFacts';
import { RebuildControl } from './RebuildControl';
import { segmentSpread } from './SegmentSpread';
import type { ProjectionStatus } from './adminApi';
import styles from './Admin.module.css';

/** Every processing group (read models, processes, the ledger): how it stands, and rebuilding it from history. */
export function ProjectionsPage() {
  const { projections, loaded, error, poke } = useProjectionStatuses();
  return (
    <section aria-labelledby="projections-title">
      <h1 id="projections-title">Projections</h1>
      <ErrorNote error={error && `The statuses could not be read: ${error}`} />
      {!loaded && !error && <p className="muted">Loading…</p>}
      {loaded && <SegmentSpreadTable projections={projections} />}
      <div className={styles.grid}>
        {projections.map((p) => (
          <article key={p.name} className={`card stack ${p.thisNode.error ? styles.failing : ''}`} data-testid={`projection-${p.name}`}>
            <h2><Link to={`/admin/projections/${encodeURIComponent(p.name)}`}>{p.name}</Link></h2>
            <ProjectionFacts projection={p} />
            <RebuildControl projection={p} onChange={poke} />
          </article>
        ))}
      </div>
    </section>
  );
}

/** How the groups' segments are spread over the nodes: every live node takes its share (SegmentBalancer). */
function SegmentSpreadTable({ projections }: { projections: ProjectionStatus[] }) {
  const spread = segmentSpread(projections);
  if (spread.length === 0) return null;
  return (
    <table className="card" data-testid="segment-spread">
      <caption>Segments held per node</caption>
      <thead><tr><th scope="col">Node</th><th scope="col">Segments</th><th scope="col">Groups</th></tr></thead>
      <tbody>
        {spread.map((share) => (
          <tr key={share.node ?? 'none'}>
            <td>{share.node ?? <span className="muted">none at the moment</span>}</td>
            <td>{share.segments}</td>
            <td>{share.groups}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
