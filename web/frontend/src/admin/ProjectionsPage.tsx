import { Link } from 'react-router';
import { ErrorNote } from '../ui/ErrorNote';
import { useProjectionStatuses } from './useProjectionStatuses';
import { ProjectionFacts } from './ProjectionFacts';
import { RebuildControl } from './RebuildControl';
import styles from './Admin.module.css';

/** Every processing group (read models, processes, the ledger): how it stands, and rebuilding it from history. */
export function ProjectionsPage() {
  const { projections, loaded, error, poke } = useProjectionStatuses();
  return (
    <section aria-labelledby="projections-title">
      <h1 id="projections-title">Projections</h1>
      <ErrorNote error={error && `The statuses could not be read: ${error}`} />
      {!loaded && !error && <p className="muted">Loading…</p>}
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
