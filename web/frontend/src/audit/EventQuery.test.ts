import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/ApiError';
import type { AuditedEvent } from './auditApi';
import { cursorFromQuery, EventQuery, filtersFromQuery, filtersToQuery, isoToLocal, localToIso, noFilters } from './EventQuery';

const event = (globalPosition: number) => ({ globalPosition }) as AuditedEvent;

describe('event filters in the URL', () => {
  it('round-trip through the query, leaving out the empty ones', () => {
    const filters = { ...noFilters, aggregate_id: 'abc', type: 'PostCreated', from: '2026-01-02T03:04:05.000Z', after: '7' };
    const query = filtersToQuery(filters);
    expect(query.toString()).toBe('aggregate_id=abc&type=PostCreated&from=2026-01-02T03%3A04%3A05.000Z&after=7');
    expect(filtersFromQuery(query)).toEqual(filters);
  });

  it('keep the paging cursor apart from the auditor’s own `after`', () => {
    const filters = { ...noFilters, actor: 'system', after: '7' };
    const query = filtersToQuery(filters, '120');
    expect(query.toString()).toBe('actor=system&after=7&page_after=120');
    expect(filtersFromQuery(query)).toEqual(filters);
    expect(cursorFromQuery(query)).toBe('120');
    expect(cursorFromQuery(filtersToQuery(filters))).toBe('');
  });

  it('reads missing parameters as no filter', () => {
    expect(filtersFromQuery(new URLSearchParams('actor=system'))).toEqual({ ...noFilters, actor: 'system' });
  });

  it('convert datetime-local values to UTC instants and back', () => {
    const iso = localToIso('2026-03-04T05:06');
    expect(iso).toBe(new Date(2026, 2, 4, 5, 6).toISOString());
    expect(isoToLocal(iso)).toBe('2026-03-04T05:06:00');
    expect(localToIso('')).toBe('');
    expect(isoToLocal('not a date')).toBe('');
  });
});

describe('EventQuery', () => {
  it('asks with the filters set and a limit, and pages on from the last position', async () => {
    const asked: Record<string, string | number>[] = [];
    const query = new EventQuery(async (q) => {
      asked.push(q);
      return [event(3), event(5)];
    }, 2);
    await query.load({ ...noFilters, actor: 'system' });
    expect(asked).toEqual([{ actor: 'system', limit: 2 }]);
    expect(query.value.events.map((e) => e.globalPosition)).toEqual([3, 5]);
    expect(query.nextCursor()).toBe('5');
  });

  it('starts the first page at the `after` filter and later pages at the cursor, keeping the filter', async () => {
    const asked: Record<string, string | number>[] = [];
    const query = new EventQuery(async (q) => {
      asked.push(q);
      return [event(9), event(12)];
    }, 2);
    const filters = { ...noFilters, after: '7' };
    await query.load(filters);
    await query.load(filters, query.nextCursor()!);
    expect(asked).toEqual([{ after: '7', limit: 2 }, { after: '12', limit: 2 }]);
    expect(query.value).toMatchObject({ filters, cursor: '12' });
  });

  it('has no next page after a short one', async () => {
    const query = new EventQuery(async () => [event(1)], 2);
    await query.load(noFilters);
    expect(query.value.hasNext).toBe(false);
    expect(query.nextCursor()).toBeNull();
  });

  it('keeps what the server says about each invalid filter', async () => {
    const query = new EventQuery(async () => {
      throw ApiError.of(422, { detail: [{ loc: ['query', 'from'], msg: 'not a valid value' }] });
    });
    await query.load({ ...noFilters, from: 'yesterday' });
    expect(query.value.fieldErrors).toEqual({ from: 'not a valid value' });
    expect(query.value.error).toBe('from: not a valid value');
  });

  it('drops an answer to filters already replaced', async () => {
    const answers: ((events: AuditedEvent[]) => void)[] = [];
    const query = new EventQuery(() => new Promise((resolve) => answers.push(resolve)));
    const first = query.load({ ...noFilters, actor: 'a' });
    const second = query.load({ ...noFilters, actor: 'b' });
    answers[1]([event(2)]);
    answers[0]([event(1)]);
    await Promise.all([first, second]);
    expect(query.value.filters.actor).toBe('b');
    expect(query.value.events).toEqual([event(2)]);
  });
});
