import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProfileSearch, type SearchResult } from './ProfileSearch';
import type { Profile } from '../api/types';

describe('ProfileSearch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks the server once per pause in typing, with the last query', async () => {
    const find = vi.fn(async (query: string): Promise<Profile[]> => [{ id: '1', username: `${query}bit` }]);
    const search = new ProfileSearch(find, 250);
    const results: SearchResult[] = [];
    search.results$.subscribe((r) => results.push(r));

    for (const text of ['h', 'ha', 'haz', 'haze']) {
      search.type(text);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(250);

    expect(find).toHaveBeenCalledTimes(1);
    expect(find).toHaveBeenCalledWith('haze');
    expect(results.at(-1)).toEqual({ query: 'haze', profiles: [{ id: '1', username: 'hazebit' }], searching: false, error: null });
  });

  it('drops the answer to a query replaced by a newer one', async () => {
    let answer: (profiles: Profile[]) => void = () => undefined;
    const find = vi.fn((query: string) =>
      query === 'slow' ? new Promise<Profile[]>((resolve) => (answer = resolve)) : Promise.resolve([{ id: '2', username: 'fast' }]));
    const search = new ProfileSearch(find, 10);
    const results: SearchResult[] = [];
    search.results$.subscribe((r) => results.push(r));

    search.type('slow');
    await vi.advanceTimersByTimeAsync(10);
    search.type('fast');
    await vi.advanceTimersByTimeAsync(10);
    answer([{ id: '1', username: 'slow' }]);
    await vi.advanceTimersByTimeAsync(0);

    expect(results.at(-1)?.profiles).toEqual([{ id: '2', username: 'fast' }]);
    expect(results.some((r) => r.profiles.some((p) => p.username === 'slow'))).toBe(false);
  });

  it('never asks for blanks, and says so when the search fails', async () => {
    const find = vi.fn(async () => Promise.reject(new Error('down')));
    const search = new ProfileSearch(find, 10);
    const results: SearchResult[] = [];
    search.results$.subscribe((r) => results.push(r));

    search.type('   ');
    await vi.advanceTimersByTimeAsync(10);
    expect(find).not.toHaveBeenCalled();

    search.type('x');
    await vi.advanceTimersByTimeAsync(10);
    expect(results.at(-1)).toMatchObject({ query: 'x', error: 'Search failed: try again.', searching: false });
  });

  it('asks again for the same query only when told to retry', async () => {
    const find = vi.fn<(query: string) => Promise<{ id: string; username: string }[]>>()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValueOnce([{ id: '1', username: 'xena' }]);
    const search = new ProfileSearch(find, 10);
    const results: SearchResult[] = [];
    search.results$.subscribe((r) => results.push(r));

    search.type('x');
    await vi.advanceTimersByTimeAsync(10);
    search.type('x ');
    await vi.advanceTimersByTimeAsync(10);
    expect(find).toHaveBeenCalledTimes(1);

    search.retry();
    await vi.advanceTimersByTimeAsync(10);
    expect(find).toHaveBeenCalledTimes(2);
    expect(results.at(-1)).toMatchObject({ query: 'x', profiles: [{ id: '1', username: 'xena' }], error: null });
  });
});
