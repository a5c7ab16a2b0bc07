import type { LedgerReport, LedgerStatus } from './auditApi';

export interface Verdict {
  title: string;
  /** What the finding means, in a sentence. */
  explanation: string;
  /** intact: all holds; lagging: nothing altered, but not everything vouched for; broken: tampering found. */
  tone: 'intact' | 'lagging' | 'broken';
}

/** How the Verify page states a report's verdict (docs/auditing.md says what each one proves). */
export function verdictOf(report: LedgerReport): Verdict {
  const status: LedgerStatus = report.status ?? (report.intact ? 'INTACT' : 'ALTERED'); // reports from before statuses
  switch (status) {
    case 'INTACT':
      return { tone: 'intact', title: 'The history is intact', explanation: 'Every event stored when the verification began is chained, unaltered, and every checkpoint and snapshot holds.'
        + (report.redacted ? ` ${report.redacted} of them were rewritten by an account’s erasure (personal data from before encryption), each through a signed redaction record.` : '') };
    case 'BEHIND':
      return { tone: 'lagging', title: `The ledger is behind by ${report.behind}`, explanation: `The chain holds, but ${report.behind} of the events stored up to position ${report.storeHead} were still not chained at the end: the ledger is stalled or slow, and cannot vouch for them yet.` };
    case 'UNCHAINED':
      return { tone: 'broken', title: `${report.unchained} stored events are not in the chain`, explanation: `Events below the chain's head were left out of it${report.firstUnchained !== null ? `, the first at position ${report.firstUnchained}` : ''}: cut from the ledger, or inserted behind its back.` };
    case 'TRUNCATED':
      return { tone: 'broken', title: 'The ledger was truncated', explanation: 'Entries were removed from the end of the chain: the ledger had chained events that are no longer in it, or a checkpoint names a position past its end.' };
    case 'CHECKPOINT_MISMATCH':
      return { tone: 'broken', title: 'The history differs from a checkpoint', explanation: 'The recomputed chain disagrees with a checkpoint: the history up to it is not what it was when it was sealed, even if the ledger was chained anew since.' };
    case 'CHECKPOINT_FORGED':
      return { tone: 'broken', title: 'A checkpoint is forged', explanation: 'A checkpoint’s signature does not hold: it was not sealed with this deployment’s key (changed in the database, or not the copy that was exported).' };
    case 'SNAPSHOT_ALTERED':
      return { tone: 'broken', title: 'A snapshot was altered', explanation: `${report.snapshots?.altered ?? 0} aggregate snapshot(s) no longer match their seal. Such snapshots are never loaded: the aggregates are rebuilt from their events.` };
    case 'ALTERED':
    default:
      return { tone: 'broken', title: 'The history was altered', explanation: 'An event or the ledger’s own record changed after it was chained.' };
  }
}
