import { useEffect, useMemo } from 'react';
import { useObservable } from '../lib/useObservable';
import { saveFile } from '../lib/saveFile';
import { ErrorNote } from '../ui/ErrorNote';
import { DataExport, size } from './DataExport';

/** "Your data": downloading everything about the member as a zip of JSON files, with its progress. */
export function DataExportCard() {
  const exporter = useMemo(() => new DataExport(), []);
  const view = useObservable(exporter.state$, exporter.value);
  // leaving the page stops a download rather than saving a file later
  useEffect(() => () => exporter.cancel(), [exporter]);

  const start = async () => {
    const done = await exporter.start();
    if (done) saveFile(done.file, done.name);
  };
  return (
    <section className="card stack" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <p className="muted">
        Everything about you — your profile, posts, comments, likes, friends, messages, notifications, sessions,
        blocks and reports — as JSON files in one zip.
      </p>
      {view.status === 'running' ? (
        <div className="row">
          <progress aria-label="Download progress" />
          <span className="hint">{view.bytes === 0 ? 'Preparing…' : `${size(view.bytes)} received`}</span>
          <button type="button" className="secondary" onClick={() => exporter.cancel()}>Cancel download</button>
        </div>
      ) : (
        <div className="row">
          <button type="button" onClick={() => void start()}>Download my data</button>
        </div>
      )}
      <span role="status" className="hint">
        {view.status === 'done' && `Downloaded ${size(view.bytes)}.`}
        {view.status === 'cancelled' && 'Download cancelled.'}
      </span>
      <ErrorNote error={view.status === 'failed' ? view.error : null} />
    </section>
  );
}
