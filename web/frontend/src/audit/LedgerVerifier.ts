import { Store } from '../lib/store';
import { describe } from '../api/ApiError';
import type { LedgerVerificationJob, StartedVerification, TrustedCheckpoint } from './auditApi';

export interface VerifierState {
  job: LedgerVerificationJob | null;
  /** The job followed was already running when this one was asked for (one runs at a time). */
  alreadyRunning: boolean;
  /** 0 to 1, never going backwards; null when no job is followed. */
  progress: number | null;
  error: string | null;
}

export interface VerifierApi {
  startVerification(checkpoints: TrustedCheckpoint[]): Promise<StartedVerification>;
  verification(id: string): Promise<LedgerVerificationJob>;
}

export const POLL_INTERVAL = 500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts a verification of the ledger on the server and follows its progress until it ends (the server walks the
 * ledger in batches, reporting after each). A poll that fails is shown and polling goes on; `stop` (the page is left)
 * stops following, not the job, which another visit can start anew or find running.
 */
export class LedgerVerifier extends Store<VerifierState> {
  private following = 0;

  constructor(private readonly api: VerifierApi, private readonly wait: (ms: number) => Promise<void> = sleep) {
    super({ job: null, alreadyRunning: false, progress: null, error: null });
  }

  get running(): boolean {
    return this.value.job?.state === 'RUNNING';
  }

  async start(checkpoints: TrustedCheckpoint[]): Promise<void> {
    const turn = ++this.following;
    this.set({ job: null, alreadyRunning: false, progress: null, error: null });
    let started: StartedVerification;
    try {
      started = await this.api.startVerification(checkpoints);
    } catch (e) {
      if (turn === this.following) this.update((s) => ({ ...s, error: describe(e) }));
      return;
    }
    this.show(started.job, started.alreadyRunning);
    while (turn === this.following && this.running) {
      await this.wait(POLL_INTERVAL);
      if (turn !== this.following) return;
      try {
        this.show(await this.api.verification(started.job.verificationId), started.alreadyRunning);
      } catch (e) {
        if (turn === this.following) this.update((s) => ({ ...s, error: describe(e) }));
      }
    }
  }

  stop(): void {
    this.following++;
  }

  private show(job: LedgerVerificationJob, alreadyRunning: boolean): void {
    this.update((s) => ({
      job,
      alreadyRunning,
      progress: Math.max(progressOf(job), s.job?.verificationId === job.verificationId ? (s.progress ?? 0) : 0),
      error: null,
    }));
  }
}

/** Entries checked of those there were when it started; entries chained meanwhile are checked too (capped at 1). */
export function progressOf(job: LedgerVerificationJob): number {
  if (job.state === 'FINISHED') return 1;
  return job.entriesTotal === 0 ? 0 : Math.min(1, job.entriesChecked / job.entriesTotal);
}
