import { describe, expect, it, vi } from 'vitest';
import { Subject } from 'rxjs';
import { NotificationList, type NotificationApi } from './NotificationList';
import type { Notification } from '../api/types';

const note = (id: string, read = false): Notification => ({
  id,
  createdAt: `2025-01-01T00:00:0${id}.000Z`,
  profileId: 'me',
  data: { event: 'NEW_LIKE', payload: { byId: 'b', byUsername: 'bob', postId: 'p' } },
  read,
  visited: false,
});

/** A server that marks what it is asked to, and remembers the calls. */
function fakeApi(pages: Notification[][]): NotificationApi & { marks: [string[], boolean][] } {
  const marks: [string[], boolean][] = [];
  return {
    marks,
    page: vi.fn(async () => pages.shift() ?? []),
    mark: async (ids, visited) => {
      marks.push([ids, visited]);
      return ids.map((id) => ({ ...note(id, true), visited }));
    },
  };
}

describe('NotificationList', () => {
  it('pages after the last notification shown', async () => {
    const api = fakeApi([[note('3'), note('2')], [note('1')]]);
    const list = new NotificationList(api, () => undefined, 2);

    await list.reload();
    await list.loadMore();

    expect(api.page).toHaveBeenLastCalledWith(note('2'), 2);
    expect(list.value.items.map((n) => n.id)).toEqual(['3', '2', '1']);
    expect(list.value.exhausted).toBe(true);
  });

  it('puts pushed notifications on top, once', async () => {
    const pushes = new Subject<Notification>();
    const list = new NotificationList(fakeApi([[note('2', true)]]), () => undefined);
    await list.reload();
    list.listen(pushes);

    pushes.next(note('3'));
    pushes.next(note('3'));
    pushes.next(note('2'));

    expect(list.value.items.map((n) => [n.id, n.read])).toEqual([['3', false], ['2', true]]);
  });

  it('opening one marks it read and visited, and counts it once', async () => {
    const api = fakeApi([[note('2'), note('1')]]);
    const onRead = vi.fn();
    const list = new NotificationList(api, onRead);
    await list.reload();

    await Promise.all([list.open('2'), list.open('2')]);

    expect(api.marks[0]).toEqual([['2'], true]);
    expect(list.value.items.map((n) => [n.id, n.read, n.visited])).toEqual([['2', true, true], ['1', false, false]]);
    expect(onRead.mock.calls).toEqual([[1]]);
  });

  it('opening one already read counts nothing', async () => {
    const onRead = vi.fn();
    const list = new NotificationList(fakeApi([[note('1', true)]]), onRead);
    await list.reload();

    await list.open('1');

    expect(onRead).not.toHaveBeenCalled();
  });

  it('marks all shown unread ones read, counting only those', async () => {
    const api = fakeApi([[note('3'), note('2', true), note('1')]]);
    const onRead = vi.fn();
    const list = new NotificationList(api, onRead);
    await list.reload();

    await list.markAllRead();

    expect(api.marks).toEqual([[['3', '1'], false]]);
    expect(list.value.items.every((n) => n.read)).toBe(true);
    expect(onRead.mock.calls).toEqual([[2]]);
  });

  it('asks nothing when all are read already', async () => {
    const api = fakeApi([[note('1', true)]]);
    const list = new NotificationList(api, () => undefined);
    await list.reload();

    await list.markAllRead();

    expect(api.marks).toEqual([]);
  });

  it('leaves the list and the count alone when marking fails', async () => {
    const onRead = vi.fn();
    const list = new NotificationList({ page: async () => [note('1')], mark: () => Promise.reject(new Error('down')) }, onRead);
    await list.reload();

    await expect(list.open('1')).rejects.toThrow('down');

    expect(list.value.items[0].read).toBe(false);
    expect(onRead).not.toHaveBeenCalled();
  });
});
