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
function fakeApi(pages: Notification[][]): NotificationApi & { opened: string[]; allRead: number } {
  const api = {
    opened: [] as string[],
    allRead: 0,
    page: vi.fn(async () => pages.shift() ?? []),
    open: async (id: string) => {
      api.opened.push(id);
      return [{ ...note(id, true), visited: true }];
    },
    markAllRead: async () => {
      api.allRead++;
    },
  };
  return api;
}

describe('NotificationList', () => {
  it('pages after the last notification shown', async () => {
    const api = fakeApi([[note('3'), note('2')], [note('1')]]);
    const list = new NotificationList(api, 2);

    await list.reload();
    await list.loadMore();

    expect(api.page).toHaveBeenLastCalledWith(note('2'), 2);
    expect(list.value.items.map((n) => n.id)).toEqual(['3', '2', '1']);
    expect(list.value.exhausted).toBe(true);
  });

  it('puts pushed notifications on top, once', async () => {
    const pushes = new Subject<Notification>();
    const list = new NotificationList(fakeApi([[note('2', true)]]));
    await list.reload();
    list.listen(pushes);

    pushes.next(note('3'));
    pushes.next(note('3'));
    pushes.next(note('2'));

    expect(list.value.items.map((n) => [n.id, n.read])).toEqual([['3', false], ['2', true]]);
  });

  it('opening one marks it read and visited', async () => {
    const api = fakeApi([[note('2'), note('1')]]);
    const list = new NotificationList(api);
    await list.reload();

    await list.open('2');

    expect(api.opened).toEqual(['2']);
    expect(list.value.items.map((n) => [n.id, n.read, n.visited])).toEqual([['2', true, true], ['1', false, false]]);
  });

  it('marks all read on the server, and then the ones shown', async () => {
    const api = fakeApi([[note('3'), note('2', true), note('1')]]);
    const list = new NotificationList(api);
    await list.reload();

    await list.markAllRead();

    expect(api.allRead).toBe(1);
    expect(list.value.items.map((n) => [n.id, n.read, n.visited])).toEqual([['3', true, false], ['2', true, false], ['1', true, false]]);
  });

  it('leaves the list alone when marking fails', async () => {
    const failing = { ...fakeApi([[note('1')]]), open: () => Promise.reject(new Error('down')), markAllRead: () => Promise.reject(new Error('down')) };
    const list = new NotificationList(failing);
    await list.reload();

    await expect(list.open('1')).rejects.toThrow('down');
    await expect(list.markAllRead()).rejects.toThrow('down');

    expect(list.value.items[0].read).toBe(false);
  });
});
