import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/ApiError';
import type { ParkedEvent } from './adminApi';
import { DeadLetters, type DeadLetterApi } from './DeadLetters';

const parked = (sequence: string) => ({ sequence, index: 0, eventId: `e-${sequence}`, type: 'PostCreated' }) as ParkedEvent;

function queue(initial: string[]) {
  let sequences = [...initial];
  const calls: string[] = [];
  const api: DeadLetterApi = {
    deadLetters: async (group) => {
      calls.push(`list ${group}`);
      return sequences.map(parked);
    },
    retryAll: async () => {
      calls.push('retry all');
      const processed = sequences.length;
      sequences = [];
      return { processed, remainingSequences: 0 };
    },
    retry: async (_, sequence) => {
      calls.push(`retry ${sequence}`);
      sequences = sequences.filter((s) => s !== sequence);
      return { processed: 1, remainingSequences: sequences.length };
    },
    evict: async (_, sequence) => {
      if (!sequences.includes(sequence)) throw ApiError.of(404, { detail: 'Not Found' });
      calls.push(`evict ${sequence}`);
      sequences = sequences.filter((s) => s !== sequence);
    },
  };
  return { letters: new DeadLetters('posts', api), calls };
}

describe('DeadLetters', () => {
  it('lists the group’s parked events', async () => {
    const { letters, calls } = queue(['a', 'b']);
    await letters.load();
    expect(letters.value.letters.map((l) => l.sequence)).toEqual(['a', 'b']);
    expect(calls).toEqual(['list posts']);
  });

  it('retries one sequence, says what happened and lists them again', async () => {
    const { letters, calls } = queue(['a', 'b']);
    await letters.retry('a');
    expect(calls).toEqual(['retry a', 'list posts']);
    expect(letters.value.outcome).toBe('Retried: 1 sequence processed, 1 sequence still parked.');
    expect(letters.value.letters.map((l) => l.sequence)).toEqual(['b']);
  });

  it('retries them all', async () => {
    const { letters } = queue(['a', 'b']);
    await letters.retryAll();
    expect(letters.value.outcome).toBe('Retried: 2 sequences processed, 0 sequences still parked.');
    expect(letters.value.letters).toEqual([]);
  });

  it('evicts one, and lets a failed eviction throw for the UI to show', async () => {
    const { letters } = queue(['a']);
    await letters.evict('a');
    expect(letters.value.letters).toEqual([]);
    await expect(letters.evict('a')).rejects.toThrow('Not found');
  });

  it('shows the latest listing when an older one answers after it', async () => {
    const answers: ((letters: ParkedEvent[]) => void)[] = [];
    const api = { ...({} as DeadLetterApi), deadLetters: () => new Promise<ParkedEvent[]>((resolve) => answers.push(resolve)) };
    const letters = new DeadLetters('posts', api);
    const first = letters.load();
    const second = letters.load();

    answers[1]([]);
    await second;
    answers[0]([parked('a'), parked('b')]);
    await first;

    expect(letters.value.letters).toEqual([]);
    expect(letters.value.loading).toBe(false);
  });

  it('keeps loading until the latest listing answers, and ignores an overtaken failure', async () => {
    const answers: { resolve: (letters: ParkedEvent[]) => void; reject: (e: unknown) => void }[] = [];
    const api = {
      ...({} as DeadLetterApi),
      deadLetters: () => new Promise<ParkedEvent[]>((resolve, reject) => answers.push({ resolve, reject })),
    };
    const letters = new DeadLetters('posts', api);
    const first = letters.load();
    const second = letters.load();

    answers[0].reject(new TypeError());
    await first;
    expect(letters.value).toMatchObject({ loading: true, error: null });

    answers[1].resolve([parked('c')]);
    await second;
    expect(letters.value).toMatchObject({ loading: false, error: null });
    expect(letters.value.letters.map((l) => l.sequence)).toEqual(['c']);
  });

  it('shows a failed listing', async () => {
    const failing = new DeadLetters('posts', { ...({} as DeadLetterApi), deadLetters: () => Promise.reject(new TypeError()) });
    await failing.load();
    expect(failing.value.error).toBe('Cannot reach Bunnybook: check your connection.');
  });
});
