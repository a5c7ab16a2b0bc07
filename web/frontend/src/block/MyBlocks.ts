import { Store } from '../lib/store';
import { describe } from '../api/ApiError';
import type { BlockedMember, BlocksApi } from './blocksApi';

export interface MyBlocksState {
  blocks: BlockedMember[];
  /** Whether the list has been read at least once: before that nobody is known to be blocked. */
  loaded: boolean;
  loading: boolean;
  error: string | null;
}

/**
 * The members the member blocks: the list on the Settings page, and whether a profile's page offers "Block" or
 * "Unblock". Blocking and unblocking change the list only once the server has answered; a refusal throws, for the
 * button that ran it to say why.
 */
export class MyBlocks extends Store<MyBlocksState> {
  constructor(private readonly api: BlocksApi, private readonly me: string) {
    super({ blocks: [], loaded: false, loading: false, error: null });
  }

  async load(): Promise<void> {
    this.update((s) => ({ ...s, loading: true, error: null }));
    try {
      const blocks = await this.api.list(this.me);
      this.set({ blocks, loaded: true, loading: false, error: null });
    } catch (e) {
      this.update((s) => ({ ...s, loading: false, error: describe(e) }));
    }
  }

  blocks(id: string): boolean {
    return this.value.blocks.some((blocked) => blocked.id === id);
  }

  async block(id: string, username: string): Promise<void> {
    await this.api.block(this.me, id);
    if (!this.blocks(id)) {
      const blocked = { id, username, blockedAt: new Date().toISOString() };
      this.update((s) => ({ ...s, blocks: [blocked, ...s.blocks] }));
    }
  }

  async unblock(id: string): Promise<void> {
    await this.api.unblock(this.me, id);
    this.update((s) => ({ ...s, blocks: s.blocks.filter((blocked) => blocked.id !== id) }));
  }
}
