import { useState } from 'react';
import { describe } from '../api/ApiError';
import { saveFile } from '../lib/saveFile';
import { ErrorNote } from '../ui/ErrorNote';
import { auditApi, type LedgerCheckpoint } from './auditApi';
import styles from './Audit.module.css';

/**
 * Seals a signed checkpoint at the ledger's head and hands it over as a file to keep outside the database; loading
 * that file on this page later verifies the history against it.
 */
export function CheckpointExport() {
  const [exported, setExported] = useState<LedgerCheckpoint | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const sealAndExport = async () => {
    setBusy(true);
    setError(null);
    try {
      await auditApi.sealCheckpoint();
      const latest = await auditApi.latestCheckpoint();
      saveFile(new Blob([JSON.stringify(latest, null, 2)], { type: 'application/json' }),
        `bunnybook-ledger-checkpoint-${latest.position}.json`);
      setExported(latest);
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="export-title">
      <h2 id="export-title">Keep a checkpoint</h2>
      <p className="hint">
        Seals a checkpoint at the ledger’s head, signed with a key the database does not hold, and downloads it. Keep the
        file where the database’s writers cannot reach it; verifying against it later shows whether the history up to it
        was rewritten since.
      </p>
      <div className="row">
        <button type="button" onClick={() => void sealAndExport()} disabled={busy}>Seal and export a checkpoint</button>
      </div>
      {exported && (
        <p role="status" data-testid="exported-checkpoint">
          Exported the checkpoint at position {exported.position}: <span className={styles.mono}>{exported.chainHash}</span>
        </p>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
