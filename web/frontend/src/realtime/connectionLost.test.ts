import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BehaviorSubject } from 'rxjs';
import type { ConnectionState } from './RealtimeService';
import { connectionLost } from './connectionLost';

describe('connectionLost', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says the connection is lost only once it has been down for the grace period, and not after it is back', () => {
    const state$ = new BehaviorSubject<ConnectionState>('connecting');
    const seen: boolean[] = [];
    connectionLost(state$, 3_000).subscribe((lost) => seen.push(lost));

    state$.next('online');
    state$.next('connecting');
    vi.advanceTimersByTime(2_999);
    state$.next('online');
    vi.advanceTimersByTime(10_000);
    expect(seen).toEqual([false]);

    state$.next('offline');
    state$.next('connecting');
    vi.advanceTimersByTime(3_000);
    expect(seen).toEqual([false, true]);
    state$.next('online');
    expect(seen).toEqual([false, true, false]);
  });
});
