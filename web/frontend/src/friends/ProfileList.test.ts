import { describe, expect, it, vi } from 'vitest';
import { ProfileList } from './ProfileList';
import type { Profile } from '../api/types';

const bunny = (username: string): Profile => ({ id: `id-${username}`, username });

describe('ProfileList', () => {
  it('asks each next page after the last username shown', async () => {
    const fetchPage = vi.fn()
      .mockResolvedValueOnce([bunny('ada'), bunny('bob')])
      .mockResolvedValueOnce([bunny('cy')]);
    const list = new ProfileList(fetchPage, 2);

    await list.reload();
    await list.loadMore();

    expect(fetchPage.mock.calls).toEqual([[undefined, 2], ['bob', 2]]);
    expect(list.value.items.map((p) => p.username)).toEqual(['ada', 'bob', 'cy']);
    expect(list.value.exhausted).toBe(true);
  });

  it('drops a row once its action succeeded', async () => {
    const list = new ProfileList(async () => [bunny('ada'), bunny('bob')]);
    await list.reload();

    await list.act('id-ada', async () => undefined, 'leave');

    expect(list.value.items.map((p) => p.username)).toEqual(['bob']);
  });

  it('changes a row in place when the action says so', async () => {
    const list = new ProfileList(async () => [bunny('ada')]);
    await list.reload();

    await list.act('id-ada', async () => undefined, { requestSent: true });

    expect(list.value.items).toEqual([{ ...bunny('ada'), requestSent: true }]);
  });

  it('keeps the row and rethrows when the action fails', async () => {
    const list = new ProfileList(async () => [bunny('ada')]);
    await list.reload();

    await expect(list.act('id-ada', () => Promise.reject(new Error('refused')), 'leave')).rejects.toThrow('refused');

    expect(list.value.items).toEqual([bunny('ada')]);
  });
});
