import { Store } from '../lib/store';
import { LatestAsk } from '../lib/LatestAsk';
import { describe } from '../api/ApiError';
import type { ParkedEvent, RetryOutcome } from './adminApi';

export interface DeadLettersState {
  letters: ParkedEvent[];
  loading: boolean;
  error: string | null;
  /** What the last retry did, in words. */
  outcome: string | null;
}

export interface DeadLetterApi {
  deadLetters(group: string): Promise<ParkedEvent[]>;
  retryAll(group: string): Promise<RetryOutcome>;
  retry(group: string, sequence: string): Promise<RetryOutcome>;
  evict(group: string, sequence: string): Promise<unknown>;
}

/**
 * A group's parked events, and the admin's ways out for them: retry them all, retry one sequence, or give one up.
 * Each action lists them again; a failed action throws, for the control that ran it to say why.
 */
export class DeadLetters extends Store<DeadLettersState> {
  /** An answer overtaken by a later load is dropped instead of showing an older list. */
  private readonly loads = new LatestAsk();

  constructor(private readonly group: string, private readonly api: DeadLetterApi) {
    super({ letters: [], loading: false, error: null, outcome: null });
  }

  async load(): Promise<void> {
    const wanted = this.loads.ask();
    this.update((s) => ({ ...s, loading: true, error: null }));
    try {
      const letters = await this.api.deadLetters(this.group);
      if (!wanted()) return;
      this.update((s) => ({ ...s, letters, loading: false }));
    } catch (e) {
      if (!wanted()) return;
      this.update((s) => ({ ...s, loading: false, error: describe(e) }));
    }
  }

  async retryAll(): Promise<void> {
    this.said(await this.api.retryAll(this.group));
    await this.load();
  }

  async retry(sequence: string): Promise<void> {
    this.said(await this.api.retry(this.group, sequence));
    await this.load();
  }

  async evict(sequence: string): Promise<void> {
    await this.api.evict(this.group, sequence);
    this.update((s) => ({ ...s, outcome: null }));
    await this.load();
  }

  private said(outcome: RetryOutcome): void {
    this.update((s) => ({ ...s, outcome: retried(outcome) }));
  }
}

export function retried({ processed, remainingSequences }: RetryOutcome): string {
  const sequences = (n: number) => `${n} sequence${n === 1 ? '' : 's'}`;
  return `Retried: ${sequences(processed)} processed, ${sequences(remainingSequences)} still parked.`;
}
