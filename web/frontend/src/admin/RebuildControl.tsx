import { useState } from 'react';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { adminApi } from './adminApi';
import type { ProjectionView } from './ProjectionStatusPoller';
import { ConfirmDialog } from './ConfirmDialog';
import styles from './Admin.module.css';

/** Rebuilding a group from history: asked with a confirmation, followed with its progress, cancelable until reset. */
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
  const requested = projection.rebuild?.state === 'REQUESTED';

  return (
    <div className="stack">
      {rebuilding && shownProgress !== null && (
        <div className={styles.progress}>
          <progress aria-label={`Rebuild progress of ${name}`} value={shownProgress} max={1} />
          <span>{requested ? 'waiting for the nodes to stop' : `${Math.floor(shownProgress * 100)} %`}</span>
        </div>
      )}
      <div className="row">
        <button type="button" onClick={() => setConfirming(true)} disabled={!rebuildable || rebuilding || rebuild.busy}>
          Rebuild
        </button>
        {requested && (
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
          Its read model is reset and replayed from the whole history, while the application keeps serving. Until the
          replay is done, it answers from a partial read model.
        </ConfirmDialog>
      )}
    </div>
  );
}
