import { describe, expect, it, vi } from 'vitest';
import { ConnectionStore, ordinal, type ConnectionApi } from './ConnectionStore';
import { ApiError } from '../api/ApiError';
import type { Connection } from '../api/types';

const me = { id: 'me', username: 'amy' };
const carol = { id: 'carol', username: 'Carol' };
const dave = { id: 'dave', username: 'Dave' };

const viaCarol: Connection = { degree: 2, path: [me, carol, dave] };

/** A server answering the connection with `answers`, one after the other (an error is thrown). */
function serverAnswering(...answers: (Connection | ApiError)[]): ConnectionApi {
  return {
    connection: vi.fn(async () => {
      const answer = answers.shift();
      if (!answer || answer instanceof ApiError) throw answer ?? new ApiError(500, 'no answer left');
      return answer;
    }),
  };
}

describe('ConnectionStore', () => {
  it('reads the chain from the member to the profile shown', async () => {
    const api = serverAnswering(viaCarol);
    const store = new ConnectionStore(api, 'me', 'dave');
    expect(store.value).toEqual({ status: 'loading' });

    await store.load();

    expect(api.connection).toHaveBeenCalledWith('me', 'dave');
    expect(store.value).toEqual({ status: 'connected', connection: viaCarol });
  });

  it('takes a 404 as no chain within four friendships, and any other refusal as an error to tell', async () => {
    const store = new ConnectionStore(
      serverAnswering(new ApiError(404, 'not connected within 4 friendships'), new ApiError(503, 'busy')),
      'me',
      'dave',
    );

    await store.load();
    expect(store.value).toEqual({ status: 'distant' });

    await store.load();
    expect(store.value).toEqual({ status: 'error', error: 'busy' });
  });

  it('follows a change: the friend of a friend who became a friend is 1st', async () => {
    const store = new ConnectionStore(serverAnswering(viaCarol, { degree: 1, path: [me, dave] }), 'me', 'dave');
    await store.load();

    await store.load();

    expect(store.value).toEqual({ status: 'connected', connection: { degree: 1, path: [me, dave] } });
  });

  it('drops an answer that comes after the answer to a later read', async () => {
    let answerStale: (connection: Connection) => void = () => undefined;
    const api: ConnectionApi = {
      connection: vi
        .fn()
        .mockImplementationOnce(() => new Promise<Connection>((resolve) => (answerStale = resolve)))
        .mockImplementationOnce(async () => ({ degree: 1, path: [me, dave] })),
    };
    const store = new ConnectionStore(api, 'me', 'dave');
    const stale = store.load();
    await store.load();

    answerStale(viaCarol);
    await stale;

    expect(store.value).toEqual({ status: 'connected', connection: { degree: 1, path: [me, dave] } });
  });
});

describe('ordinal', () => {
  it('names degrees as professional networks do', () => {
    expect([1, 2, 3, 4].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th']);
    expect([11, 12, 13, 21, 22].map(ordinal)).toEqual(['11th', '12th', '13th', '21st', '22nd']);
  });
});
