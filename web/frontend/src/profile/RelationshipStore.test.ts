import { describe, expect, it, vi } from 'vitest';
import { RelationshipStore, type FriendshipApi } from './RelationshipStore';
import { ApiError } from '../api/ApiError';
import type { Relationship } from '../api/types';

/** A server where the relationship reads as `states`, one after the other. */
function friendshipWith(states: Relationship[], refuse?: ApiError): FriendshipApi {
  const act = vi.fn(async () => {
    if (refuse) throw refuse;
  });
  return {
    relationship: vi.fn(async () => states.shift() ?? 'NONE'),
    sendRequest: act,
    cancelRequest: act,
    accept: act,
    reject: act,
    unfriend: act,
  };
}

describe('RelationshipStore', () => {
  it('reads the relationship again after an action', async () => {
    const api = friendshipWith(['INCOMING_FRIEND_REQUEST', 'FRIEND']);
    const store = new RelationshipStore(api, 'me', 'bob');
    await store.load();

    await store.act('accept');

    expect(api.accept).toHaveBeenCalledWith('me', 'bob');
    expect(store.value).toEqual({ relationship: 'FRIEND', error: null });
  });

  it('shows the relationship as it is now when the action is refused, and rethrows the refusal', async () => {
    const refusal = ApiError.of(400, { message: 'UnexpectedRelationshipState', code: 'UnexpectedRelationshipState' });
    const store = new RelationshipStore(friendshipWith(['INCOMING_FRIEND_REQUEST', 'NONE'], refusal), 'me', 'bob');
    await store.load();

    await expect(store.act('accept')).rejects.toBe(refusal);

    expect(store.value.relationship).toBe('NONE');
  });

  it('tells when the two become or stop being friends, not on the first reading', async () => {
    const store = new RelationshipStore(
      friendshipWith(['FRIEND', 'FRIEND', 'NONE', 'OUTGOING_FRIEND_REQUEST', 'FRIEND']),
      'me',
      'bob',
    );
    const changes: boolean[] = [];
    store.friendshipChanged$.subscribe((friends) => changes.push(friends));

    for (let i = 0; i < 5; i++) await store.load();

    expect(changes).toEqual([false, true]);
  });

  it('drops a reading asked for before a push, which answers for the relationship as it was', async () => {
    let answerStale: (relationship: Relationship) => void = () => undefined;
    const api = friendshipWith([]);
    api.relationship = vi.fn(() => new Promise<Relationship>((resolve) => (answerStale = resolve)));
    const store = new RelationshipStore(api, 'me', 'bob');
    const stale = store.load();

    store.heard('FRIEND');
    answerStale('OUTGOING_FRIEND_REQUEST');
    await stale;

    expect(store.value).toEqual({ relationship: 'FRIEND', error: null });
  });
});
