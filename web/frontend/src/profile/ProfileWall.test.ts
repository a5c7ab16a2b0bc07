import { describe, expect, it, vi } from 'vitest';
import { NEVER, Subject, firstValueFrom } from 'rxjs';
import { ProfileWall, type FriendshipPush, type ProfileWallApi } from './ProfileWall';
import { ApiError } from '../api/ApiError';
import { aPost } from '../posts/testing';
import type { Connection, Relationship } from '../api/types';

function apiWith(
  relationships: Relationship[],
  findProfile: ProfileWallApi['findProfile'],
  friendshipPushes: ProfileWallApi['friendshipPushes'] = NEVER,
  connections: Connection[] = [],
): ProfileWallApi {
  return {
    findProfile,
    friendshipPushes,
    friendship: {
      relationship: async () => relationships.shift() ?? 'NONE',
      // the last connection stays the answer once the others are given
      connection: vi.fn(async () => {
        const connection = connections.length > 1 ? connections.shift() : connections[0];
        if (!connection) throw new ApiError(404, 'not connected within 4 friendships');
        return connection;
      }),
      sendRequest: vi.fn(),
      cancelRequest: vi.fn(),
      accept: vi.fn(),
      reject: vi.fn(),
      unfriend: vi.fn(),
    },
    posts: { wall: vi.fn(async () => [aPost('p1')]), create: vi.fn(), like: vi.fn(), unlike: vi.fn(), delete: vi.fn(), edit: vi.fn() },
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve));

describe('ProfileWall', () => {
  it('says so when there is no such profile', async () => {
    const wall = new ProfileWall(apiWith([], async () => Promise.reject(new ApiError(404, 'Not found'))), 'me', 'ghost');

    wall.start();
    await flush();

    expect(wall.profile.value).toEqual({ status: 'missing' });
  });

  it('takes posts from friends, and reloads the wall once they are no longer friends', async () => {
    const api = apiWith(['FRIEND', 'NONE'], async (id) => ({ id, username: 'bob' }));
    const wall = new ProfileWall(api, 'me', 'bob');
    wall.start();
    await wall.posts.loadMore();
    await flush();
    expect(await firstValueFrom(wall.mayPost$)).toBe(true);

    await wall.relationship.act('unfriend');
    await flush();

    expect(await firstValueFrom(wall.mayPost$)).toBe(false);
    expect(api.posts.wall).toHaveBeenCalledTimes(2);
    expect(api.posts.wall).toHaveBeenLastCalledWith('bob', null, 10);
  });

  it('takes the relationship from a push saying it changed elsewhere, and reloads the wall', async () => {
    const pushes = new Subject<FriendshipPush>();
    // the server would still answer the old relationship: the social graph may not have heard of the change yet
    const api = apiWith(['OUTGOING_FRIEND_REQUEST', 'OUTGOING_FRIEND_REQUEST'], async (id) => ({ id, username: 'bob' }), pushes);
    const wall = new ProfileWall(api, 'me', 'bob');
    const started = wall.start();
    await flush();

    pushes.next({ profileId: 'someone-else', friends: true });
    await flush();
    expect(wall.relationship.value.relationship).toBe('OUTGOING_FRIEND_REQUEST');

    pushes.next({ profileId: 'bob', friends: true });
    await flush();
    expect(wall.relationship.value.relationship).toBe('FRIEND');
    expect(api.posts.wall).toHaveBeenCalledTimes(1);

    pushes.next({ profileId: 'bob', friends: false });
    await flush();
    expect(wall.relationship.value.relationship).toBe('NONE');
    expect(api.posts.wall).toHaveBeenCalledTimes(2);
    started.unsubscribe();
  });

  it('reads how the member is connected to another member, again once they become friends', async () => {
    const me = { id: 'me', username: 'amy' };
    const bob = { id: 'bob', username: 'bob' };
    const carol = { id: 'carol', username: 'carol' };
    const api = apiWith(
      ['INCOMING_FRIEND_REQUEST', 'FRIEND'],
      async (id) => ({ id, username: 'bob' }),
      NEVER,
      [{ degree: 2, path: [me, carol, bob] }, { degree: 1, path: [me, bob] }],
    );
    const wall = new ProfileWall(api, 'me', 'bob');
    wall.start();
    await flush();
    expect(wall.connection.value).toEqual({ status: 'connected', connection: { degree: 2, path: [me, carol, bob] } });

    await wall.relationship.act('accept');
    await flush();

    expect(wall.connection.value).toEqual({ status: 'connected', connection: { degree: 1, path: [me, bob] } });
  });

  it('asks for no connection on one\'s own profile', async () => {
    const api = apiWith(['SELF'], async (id) => ({ id, username: 'amy' }));
    const wall = new ProfileWall(api, 'me', 'me');
    wall.start();
    await flush();

    expect(api.friendship.connection).not.toHaveBeenCalled();
    expect(wall.connection.value).toEqual({ status: 'loading' });
  });

  it('reads the connection again once the member\'s own action is answered, though a push told the change first', async () => {
    const me = { id: 'me', username: 'amy' };
    const bob = { id: 'bob', username: 'bob' };
    const carol = { id: 'carol', username: 'carol' };
    const pushes = new Subject<FriendshipPush>();
    const api = apiWith(
      ['INCOMING_FRIEND_REQUEST', 'FRIEND'],
      async (id) => ({ id, username: 'bob' }),
      pushes,
      // the graph has not heard of the friendship when the push makes the page ask
      [{ degree: 2, path: [me, carol, bob] }, { degree: 2, path: [me, carol, bob] }, { degree: 1, path: [me, bob] }],
    );
    const wall = new ProfileWall(api, 'me', 'bob');
    wall.start();
    await flush();

    const accepting = wall.relationship.act('accept');
    pushes.next({ profileId: 'bob', friends: true });
    await accepting;
    await flush();

    expect(wall.connection.value).toEqual({ status: 'connected', connection: { degree: 1, path: [me, bob] } });
  });
});
