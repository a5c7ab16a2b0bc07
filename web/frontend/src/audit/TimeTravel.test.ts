import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/ApiError';
import type { AggregateState, AuditedEvent } from './auditApi';
import { TimeTravel, type TimeTravelApi } from './TimeTravel';

const history = [0, 1, 2].map((sequence) => ({ sequence, globalPosition: 10 + sequence }) as AuditedEvent);
const stateAt = (sequence: number | null) => ({ sequence, eventsApplied: (sequence ?? -1) + 1, state: {} }) as AggregateState;

function traveller(api: Partial<TimeTravelApi> = {}) {
  const asked: { sequence?: number; at?: string }[] = [];
  const travel = new TimeTravel('agg', {
    history: async () => history,
    state: async (_, at) => {
      asked.push(at);
      return stateAt(at.sequence ?? 1);
    },
    ...api,
  });
  return { travel, asked };
}

describe('TimeTravel', () => {
  it('opens at the latest event', async () => {
    const { travel, asked } = traveller();
    await travel.open();
    expect(travel.value.sequence).toBe(2);
    expect(asked).toEqual([{ sequence: 2 }]);
    expect(travel.canGoOn()).toBe(false);
    expect(travel.canGoBack()).toBe(true);
  });

  it('steps back and forth within the history', async () => {
    const { travel, asked } = traveller();
    await travel.open();
    await travel.previous();
    await travel.previous();
    await travel.previous();
    expect(travel.value.sequence).toBe(0);
    expect(travel.canGoBack()).toBe(false);
    await travel.next();
    expect(travel.value.sequence).toBe(1);
    expect(travel.value.state?.sequence).toBe(1);
    expect(asked.map((a) => a.sequence)).toEqual([2, 1, 0, 1]);
    await travel.goTo(99);
    expect(travel.value.sequence).toBe(2);
  });

  it('follows the state at an instant', async () => {
    const { travel, asked } = traveller();
    await travel.open();
    await travel.goToTime('2026-01-01T00:00:00Z');
    expect(asked.at(-1)).toEqual({ at: '2026-01-01T00:00:00Z' });
    expect(travel.value.sequence).toBe(1);
  });

  it('names an altered history', async () => {
    const { travel } = traveller({
      state: async () => {
        throw ApiError.of(409, { detail: 'the events of Post p cannot be replayed: bad json' });
      },
    });
    await travel.open();
    expect(travel.value.status).toBe(409);
    expect(travel.value.error).toContain('an event was altered');
    expect(travel.value.error).toContain('bad json');
  });

  it('reads a long history a page at a time', async () => {
    const long = Array.from({ length: 5 }, (_, sequence) => ({ sequence, globalPosition: 100 + sequence }) as AuditedEvent);
    const pages: (number | undefined)[] = [];
    const travel = new TimeTravel('agg', {
      history: async (_, after, limit) => {
        pages.push(after);
        return long.filter((e) => e.sequence > (after ?? -1)).slice(0, limit);
      },
      state: async (_, at) => stateAt(at.sequence ?? null),
    }, 2);
    await travel.open();
    expect(travel.value.history.map((e) => e.sequence)).toEqual([0, 1]);
    expect(travel.value.hasMore).toBe(true);
    expect(travel.value.sequence).toBe(1);
    await travel.loadMore();
    await travel.loadMore();
    expect(pages).toEqual([undefined, 1, 3]);
    expect(travel.value.history.map((e) => e.sequence)).toEqual([0, 1, 2, 3, 4]);
    expect(travel.value.hasMore).toBe(false);
    expect(travel.value.sequence).toBe(4);
    await travel.loadMore();
    expect(pages).toHaveLength(3);
  });

  it('says when the aggregate does not exist', async () => {
    const { travel } = traveller({ history: async () => Promise.reject(ApiError.of(404, { detail: 'Not Found' })) });
    await travel.open();
    expect(travel.value.status).toBe(404);
    expect(travel.value.error).toMatch(/No such aggregate/);
  });

  it('drops a state answer for a point already left', async () => {
    const answers: ((state: AggregateState) => void)[] = [];
    const { travel } = traveller({ state: () => new Promise((resolve) => answers.push(resolve)) });
    const opening = travel.open();
    await Promise.resolve();
    await Promise.resolve();
    const back = travel.goTo(0);
    answers[1](stateAt(0));
    answers[0](stateAt(2));
    await Promise.all([opening, back]);
    expect(travel.value.sequence).toBe(0);
    expect(travel.value.state?.sequence).toBe(0);
  });
});
