import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/ApiError';
import { MyBlocks } from './MyBlocks';
import type { BlockedMember, BlocksApi } from './blocksApi';

const blocked = (id: string): BlockedMember => ({ id, username: `bunny-${id}`, blockedAt: '2026-12-03T09:00:00.000Z' });

/** A server where `me` blocks these members; `calls` records what it was asked to change. */
function server(...held: BlockedMember[]) {
  let blocks = [...held];
  const calls: string[] = [];
  const api: BlocksApi = {
    list: async (me) => {
      if (me !== 'me') throw ApiError.of(403, { detail: 'Forbidden' });
      return blocks;
    },
    block: async (me, other) => {
      if (me === other) throw ApiError.of(400, { detail: 'a member cannot block themselves' });
      calls.push(`block ${other}`);
      if (!blocks.some((b) => b.id === other)) blocks = [blocked(other), ...blocks];
    },
    unblock: async (_me, other) => {
      calls.push(`unblock ${other}`);
      blocks = blocks.filter((b) => b.id !== other);
    },
  };
  return { api, calls };
}

describe('MyBlocks', () => {
  it('lists whom the member blocks, and knows a profile among them', async () => {
    const mine = new MyBlocks(server(blocked('a'), blocked('b')).api, 'me');
    expect(mine.value.loaded).toBe(false);
    await mine.load();
    expect(mine.value.blocks.map((b) => b.id)).toEqual(['a', 'b']);
    expect(mine.value).toMatchObject({ loaded: true, loading: false, error: null });
    expect(mine.blocks('a')).toBe(true);
    expect(mine.blocks('c')).toBe(false);
  });

  it('says why the list could not be read', async () => {
    const mine = new MyBlocks(server().api, 'someone else');
    await mine.load();
    expect(mine.value.error).toBeTruthy();
    expect(mine.value.loaded).toBe(false);
  });

  it('blocks a member once the server has, newest first, and blocking again adds nothing', async () => {
    const { api, calls } = server(blocked('a'));
    const mine = new MyBlocks(api, 'me');
    await mine.load();
    await mine.block('b', 'bunny-b');
    await mine.block('b', 'bunny-b');
    expect(calls).toEqual(['block b', 'block b']);
    expect(mine.value.blocks.map((b) => b.id)).toEqual(['b', 'a']);
    expect(mine.blocks('b')).toBe(true);
  });

  it('unblocks a member and drops them from the list', async () => {
    const { api, calls } = server(blocked('a'), blocked('b'));
    const mine = new MyBlocks(api, 'me');
    await mine.load();
    await mine.unblock('a');
    expect(calls).toEqual(['unblock a']);
    expect(mine.value.blocks.map((b) => b.id)).toEqual(['b']);
  });

  it('throws a refused block and keeps the list as it was', async () => {
    const mine = new MyBlocks(server().api, 'me');
    await mine.load();
    await expect(mine.block('me', 'me')).rejects.toMatchObject({ status: 400 });
    expect(mine.value.blocks).toEqual([]);
  });
});
