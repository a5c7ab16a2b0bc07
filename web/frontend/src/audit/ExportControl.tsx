import { useEffect, useMemo } from 'react';
import type { Query } from '../api/http';
import { useObservable } from '../lib/useObservable';
import { ErrorNote } from '../ui/ErrorNote';
import { saveFile } from '../lib/saveFile';
import { EventExport } from './EventExport';
import styles from './Audit.module.css';

/** Exports the events matching the filters as NDJSON, with its progress, a way to cancel it, and why it failed. */
export function ExportControl({ query }: { query: Query }) {
  const exporter = useMemo(() => new EventExport(), []);
  const view = useObservable(exporter.state$, exporter.value);
  // leaving the page stops an export rather than saving a file later
  useEffect(() => () => exporter.cancel(), [exporter]);

  const start = async () => {
    const file = await exporter.start(query);
    if (file) saveFile(file, 'bunnybook-events.ndjson');
  };
  return (
    <div className={styles.export}>
      {view.status === 'running' ? (
        <div className={styles.exportRow}>
          <progress aria-label="Export progress" value={view.progress ?? undefined} max={1} />
          <span className="hint">{view.progress === null ? 'Exporting…' : `${Math.floor(view.progress * 100)} %`}</span>
          <button type="button" className="secondary" onClick={() => exporter.cancel()}>Cancel export</button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => void start()}>Export (NDJSON)</button>
      )}
      <span role="status" className="hint">
        {view.status === 'done' && `Exported ${view.events} event${view.events === 1 ? '' : 's'}.`}
        {view.status === 'cancelled' && 'Export cancelled.'}
      </span>
      <ErrorNote error={view.status === 'failed' ? view.error : null} />
    </div>
  );
}
