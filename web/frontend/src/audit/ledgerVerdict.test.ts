import { describe, expect, it } from 'vitest';
import type { LedgerReport } from './auditApi';
import { verdictOf } from './ledgerVerdict';

const base: LedgerReport = {
  intact: true, status: 'INTACT', eventsChecked: 10, checkpointsChecked: 1, head: null, firstMismatch: null,
  unchained: 0, firstUnchained: null, storeHead: 10, behind: 0,
  snapshots: { checked: 2, altered: 0, unsealed: 0, firstAltered: null },
};

describe('verdictOf', () => {
  it('calls only an intact report intact', () => {
    expect(verdictOf(base)).toMatchObject({ tone: 'intact', title: 'The history is intact' });
  });

  it('says how many events an erasure redacted in an intact history', () => {
    expect(verdictOf(base).explanation).not.toContain('redaction');
    expect(verdictOf({ ...base, redacted: 2 })).toMatchObject({ tone: 'intact' });
    expect(verdictOf({ ...base, redacted: 2 }).explanation).toContain('2 of them were rewritten by an account’s erasure');
  });

  it('tells a ledger that lags from one that was cut', () => {
    expect(verdictOf({ ...base, intact: false, status: 'BEHIND', behind: 3 }))
      .toMatchObject({ tone: 'lagging', title: 'The ledger is behind by 3' });
    expect(verdictOf({ ...base, intact: false, status: 'TRUNCATED' }))
      .toMatchObject({ tone: 'broken', title: 'The ledger was truncated' });
    const unchained = verdictOf({ ...base, intact: false, status: 'UNCHAINED', unchained: 2, firstUnchained: 41 });
    expect(unchained.title).toBe('2 stored events are not in the chain');
    expect(unchained.explanation).toContain('position 41');
  });

  it('names checkpoints that disagree, forged checkpoints and altered snapshots', () => {
    expect(verdictOf({ ...base, intact: false, status: 'CHECKPOINT_MISMATCH' }).title).toBe('The history differs from a checkpoint');
    expect(verdictOf({ ...base, intact: false, status: 'CHECKPOINT_FORGED' }).title).toBe('A checkpoint is forged');
    expect(verdictOf({ ...base, intact: false, status: 'SNAPSHOT_ALTERED' }).tone).toBe('broken');
  });

  it('reads a report kept from before statuses by its intact flag', () => {
    const old = { ...base, status: undefined } as unknown as LedgerReport;
    expect(verdictOf(old).tone).toBe('intact');
    expect(verdictOf({ ...old, intact: false }).title).toBe('The history was altered');
  });
});
