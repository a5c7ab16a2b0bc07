import { describe, expect, it } from 'vitest';
import { LatestAsk } from './LatestAsk';

describe('LatestAsk', () => {
  it('wants only the answer to the latest ask, and none after forget', () => {
    const asks = new LatestAsk();
    const first = asks.ask();
    expect(first()).toBe(true);
    const second = asks.ask();
    expect([first(), second()]).toEqual([false, true]);
    asks.forget();
    expect(second()).toBe(false);
  });
});
