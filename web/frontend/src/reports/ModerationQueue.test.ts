import { describe, expect, it } from 'vitest';
import { ModerationQueue, type ModerationApi } from './ModerationQueue';
import type { Report, ReportStatus } from './reportApi';

const report = (id: string, status: ReportStatus = 'OPEN', filedAt = `2026-12-0${id.length}T00:00:00.000Z`): Report => ({
  id, status, filedAt, reporterId: 'r', reporterUsername: 'ada', reason: 'spam',
  subject: { type: 'POST', id: `p-${id}`, parentId: null, authorId: 'a', authorUsername: 'bob', content: 'buy now' },
  hiddenAt: null, hiddenBy: null, answer: null, answeredBy: null, answeredAt: null,
});

function fakeApi(pages: Record<string, Report[][]>) {
  const asked: string[] = [];
  const api: ModerationApi = {
    async queue(status, _olderThan, olderThanId) {
      asked.push(`${status} ${olderThanId ?? '-'}`);
      return pages[status].shift() ?? [];
    },
    async hide(id) {
      return { ...report(id), hiddenAt: '2026-12-03T00:00:00.000Z', hiddenBy: 'mod' };
    },
    async answer(id, answer) {
      if (answer === '') throw new Error('blank');
      return { ...report(id, 'CLOSED'), answer, answeredBy: 'mod' };
    },
  };
  return { api, asked };
}

describe('ModerationQueue', () => {
  it('lists a filter page after page, continuing after the last report seen', async () => {
    const { api, asked } = fakeApi({ OPEN: [[report('a'), report('b')], [report('c')]], CLOSED: [] });
    const queue = new ModerationQueue(api, 2);
    await queue.show('OPEN');
    expect(queue.value.more).toBe(true);
    await queue.loadMore();
    expect(queue.value.reports.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(queue.value.more).toBe(false);
    expect(asked).toEqual(['OPEN -', 'OPEN b']);
  });

  it('shows a hidden report as hidden, and an answered one leaves the open queue but stays chosen', async () => {
    const { api } = fakeApi({ OPEN: [[report('a'), report('b')]], CLOSED: [] });
    const queue = new ModerationQueue(api);
    await queue.show('OPEN');
    queue.choose(queue.value.reports[0]);
    await queue.hide('a');
    expect(queue.value.reports[0].hiddenBy).toBe('mod');
    expect(queue.value.chosen?.hiddenAt).not.toBeNull();
    await queue.answer('a', '  Removed, thanks. ');
    expect(queue.value.reports.map((r) => r.id)).toEqual(['b']);
    expect(queue.value.chosen?.status).toBe('CLOSED');
    expect(queue.value.chosen?.answer).toBe('Removed, thanks.');
  });

  it('drops a page answered for a filter no longer shown', async () => {
    let release: (reports: Report[]) => void = () => undefined;
    const api: ModerationApi = {
      queue: (status) => (status === 'OPEN' ? new Promise((resolve) => { release = resolve; }) : Promise.resolve([report('z', 'CLOSED')])),
      hide: async (id) => report(id),
      answer: async (id) => report(id),
    };
    const queue = new ModerationQueue(api);
    const open = queue.show('OPEN');
    await queue.show('CLOSED');
    release([report('late')]);
    await open;
    expect(queue.value.status).toBe('CLOSED');
    expect(queue.value.reports.map((r) => r.id)).toEqual(['z']);
  });

  it('says in words why the queue could not be read', async () => {
    const queue = new ModerationQueue({
      queue: async () => { throw new TypeError('offline'); },
      hide: async (id) => report(id),
      answer: async (id) => report(id),
    });
    await queue.show('OPEN');
    expect(queue.value.error).toBe('Cannot reach Bunnybook: check your connection.');
    expect(queue.value.loading).toBe(false);
  });
});
