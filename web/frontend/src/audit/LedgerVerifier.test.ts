import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/ApiError';
import type { LedgerReport, LedgerVerificationJob } from './auditApi';
import { LedgerVerifier, progressOf, type VerifierApi, type VerifierState } from './LedgerVerifier';

const report = { intact: true, eventsChecked: 4000, checkpointsChecked: 4, head: null, firstMismatch: null, unchained: 0 } as LedgerReport;
const job = (checked: number, state: LedgerVerificationJob['state'] = 'RUNNING', id = 'v1') => ({
  verificationId: id, state, requestedBy: 'a', requestedAt: 'x', entriesChecked: checked, entriesTotal: 4000,
  finishedAt: state === 'RUNNING' ? null : 'y', report: state === 'FINISHED' ? report : null,
  failure: state === 'FAILED' ? 'the store went away' : null,
}) as LedgerVerificationJob;

/** A verifier over answers given in turn: the start's, then one per poll. */
function verifier(start: () => Promise<{ job: LedgerVerificationJob; alreadyRunning: boolean }>, polls: (() => Promise<LedgerVerificationJob>)[]) {
  const seen: VerifierState[] = [];
  const asked: string[] = [];
  const api: VerifierApi = {
    startVerification: start,
    verification: (id) => {
      asked.push(id);
      return polls.shift()!();
    },
  };
  const v = new LedgerVerifier(api, async () => undefined);
  v.state$.subscribe((s) => seen.push(s));
  return { v, seen, asked };
}

describe('LedgerVerifier', () => {
  it('follows the job batch by batch until its report', async () => {
    const { v, seen, asked } = verifier(async () => ({ job: job(0), alreadyRunning: false }), [
      async () => job(2000),
      async () => job(4000),
      async () => job(4000, 'FINISHED'),
    ]);
    await v.start([]);
    expect(asked).toEqual(['v1', 'v1', 'v1']);
    expect(seen.map((s) => s.progress).filter((p) => p !== null)).toEqual([0, 0.5, 1, 1]);
    expect(v.value.job?.report?.intact).toBe(true);
    expect(v.running).toBe(false);
  });

  it('follows the verification already running instead of starting a second', async () => {
    const { v } = verifier(async () => ({ job: job(1000, 'RUNNING', 'theirs'), alreadyRunning: true }), [
      async () => job(4000, 'FINISHED', 'theirs'),
    ]);
    await v.start([]);
    expect(v.value.alreadyRunning).toBe(true);
    expect(v.value.job?.verificationId).toBe('theirs');
    expect(v.value.job?.state).toBe('FINISHED');
  });

  it('shows a failed poll and keeps following', async () => {
    const { v, seen } = verifier(async () => ({ job: job(0), alreadyRunning: false }), [
      () => Promise.reject(ApiError.of(503, { detail: 'Service Unavailable' })),
      async () => job(4000, 'FINISHED'),
    ]);
    await v.start([]);
    expect(seen.some((s) => s.error !== null)).toBe(true);
    expect(v.value.error).toBeNull();
    expect(v.value.job?.state).toBe('FINISHED');
  });

  it('shows a refused start, and a job that failed or was abandoned as it ended', async () => {
    const refused = verifier(() => Promise.reject(ApiError.of(422, { detail: 'bad checkpoint' })), []);
    await refused.v.start([]);
    expect(refused.v.value.error).toContain('bad checkpoint');
    expect(refused.v.value.job).toBeNull();

    const failed = verifier(async () => ({ job: job(0), alreadyRunning: false }), [async () => job(100, 'FAILED')]);
    await failed.v.start([]);
    expect(failed.v.value.job?.failure).toBe('the store went away');
    expect(failed.v.running).toBe(false);
  });

  it('stops following when asked', async () => {
    const { v, asked } = verifier(async () => ({ job: job(0), alreadyRunning: false }), [async () => job(1)]);
    const following = v.start([]);
    v.stop();
    await following;
    expect(asked).toEqual([]);
  });

  it('never shows progress going backwards', async () => {
    const { v, seen } = verifier(async () => ({ job: job(0), alreadyRunning: false }), [
      async () => job(2000),
      async () => job(1000),
      async () => job(4000, 'FINISHED'),
    ]);
    await v.start([]);
    expect(seen.map((s) => s.progress).filter((p) => p !== null)).toEqual([0, 0.5, 0.5, 1]);
  });

  it('counts entries chained since the start as done, and an empty ledger as not begun', () => {
    expect(progressOf(job(5000))).toBe(1);
    expect(progressOf({ ...job(0), entriesTotal: 0 })).toBe(0);
  });
});
