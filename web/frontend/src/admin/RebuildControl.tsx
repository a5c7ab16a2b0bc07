import { useState } from 'react';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { adminApi } from './adminApi';
import type { ProjectionView } from './ProjectionStatusPoller';
import { ConfirmDialog } from './ConfirmDialog';
import styles from './Admin.module.css';

/**
 * Rebuilding a group from history: asked with a confirmation, followed with its progress, cancelable until reset (in
 * place) or until the copy built beside the live read model is switched in.
 */
export function RebuildControl({ projection, onChange }: { projection: ProjectionView; onChange: () => void }) {
  const { name, rebuilding, shownProgress, rebuildable } = projection;
  const [confirming, setConfirming] = useState(false);
  const rebuild = useAction(async () => {
    await adminApi.rebuild(name);
    onChange();
  });
  const cancel = useAction(async () => {
    await adminApi.cancelRebuild(name);
    onChange();
  });
  const state = projection.rebuild?.state;
  const requested = state === 'REQUESTED';
  const cancelable = requested || state === 'BUILDING';

  return (
    <div className="stack">
      {rebuilding && shownProgress !== null && (
        <div className={styles.progress}>
          <progress aria-label={`Rebuild progress of ${name}`} value={shownProgress} max={1} />
          <span>{progressNote(projection, shownProgress)}</span>
        </div>
      )}
      <div className="row">
        <button type="button" onClick={() => setConfirming(true)} disabled={!rebuildable || rebuilding || rebuild.busy}>
          Rebuild
        </button>
        {cancelable && (
          <button type="button" className="secondary" onClick={() => cancel.run()} disabled={cancel.busy}>
            Cancel rebuild
          </button>
        )}
        {!rebuildable && <span className="hint">Cannot be rebuilt: replaying it would repeat its effects.</span>}
      </div>
      <ErrorNote error={rebuild.error ?? cancel.error} />
      {confirming && (
        <ConfirmDialog
          title={`Rebuild ${name}?`}
          confirmLabel={`Rebuild ${name}`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            rebuild.run();
          }}
        >
          {projection.besideLive ? (
            <>
              A new read model is built from the whole history beside the live one, which goes on serving, complete,
              until the new one has caught up and takes its place.
            </>
          ) : (
            <>
              Its read model is reset and replayed from the whole history, while the application keeps serving. Until
              the replay is done, it answers from a partial read model.
            </>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}

function progressNote(projection: ProjectionView, shown: number): string {
  const percent = `${Math.floor(shown * 100)} %`;
  switch (projection.rebuild?.state) {
    case 'REQUESTED':
      return projection.besideLive ? 'making the copy' : 'waiting for the nodes to stop';
    case 'BUILDING':
      return `building beside the live model, ${percent}`;
    case 'SWITCHING':
      return 'switching over';
    default:
      return percent;
  }
}
