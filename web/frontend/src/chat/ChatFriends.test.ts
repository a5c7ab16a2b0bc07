import { BehaviorSubject, firstValueFrom } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import type { Profile } from '../api/types';
import { ChatFriends } from './ChatFriends';
import { FakePushes } from './testing';

const friend = (username: string): Profile => ({ id: `id-${username}`, username, chatGroupId: `g-${username}` });

describe('ChatFriends', () => {
  it('pages through all friends, then lists the online ones first and the rest A→Z', async () => {
    const all = Array.from({ length: 60 }, (_, i) => friend(`bunny${String(i).padStart(2, '0')}`));
    const fetchPage = vi.fn(async (_me: string, after: string | null, limit: number) =>
      all.filter((f) => after === null || f.username > after).slice(0, limit));
    const friends = new ChatFriends(fetchPage, new BehaviorSubject<string[]>([]));
    const pushes = new FakePushes();
    friends.listen(pushes);

    await friends.load('me');
    pushes.emit('online_friends', ['id-bunny42', 'id-bunny07']);

    expect(fetchPage.mock.calls.map((call) => call[1])).toEqual([null, 'bunny49']);
    const list = await firstValueFrom(friends.list$);
    expect(list).toHaveLength(60);
    expect(list.slice(0, 3).map((f) => [f.username, f.online])).toEqual([['bunny07', true], ['bunny42', true], ['bunny00', false]]);
  });

  it('marks the friends whose conversation is unread', async () => {
    const unread = new BehaviorSubject<string[]>([]);
    const friends = new ChatFriends(async () => [friend('clover'), friend('basil')], unread);
    await friends.load('me');
    unread.next(['g-clover']);
    const list = await firstValueFrom(friends.list$);
    expect(list.map((f) => [f.username, f.unread])).toEqual([['basil', false], ['clover', true]]);
  });

  it('adds and removes friends as the pushes say', async () => {
    const friends = new ChatFriends(async () => [friend('clover')], new BehaviorSubject<string[]>([]));
    const pushes = new FakePushes();
    friends.listen(pushes);
    await friends.load('me');

    pushes.emit('add_friend', { chatGroupId: 'g-anise', profileId: 'id-anise', username: 'anise' });
    pushes.emit('remove_friend', { chatGroupId: 'g-clover', profileId: 'id-clover', username: 'clover' });

    expect((await firstValueFrom(friends.list$)).map((f) => f.username)).toEqual(['anise']);
  });

  it('keeps a friend pushed while the list was loading', async () => {
    let answer: (page: Profile[]) => void = () => undefined;
    const friends = new ChatFriends(() => new Promise((resolve) => (answer = resolve)), new BehaviorSubject<string[]>([]));
    const loading = friends.load('me');
    friends.add({ chatGroupId: 'g-anise', profileId: 'id-anise', username: 'anise' });
    answer([friend('clover')]);
    await loading;
    expect(friends.value.friends.map((f) => f.username).sort()).toEqual(['anise', 'clover']);
  });

  it('says in words why the list could not load', async () => {
    const friends = new ChatFriends(async () => { throw new TypeError('offline'); }, new BehaviorSubject<string[]>([]));
    await friends.load('me');
    expect(friends.value.error).toBe('Cannot reach Bunnybook: check your connection.');
    expect(friends.value.loading).toBe(false);
  });
});
