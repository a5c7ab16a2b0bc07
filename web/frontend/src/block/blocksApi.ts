import { http } from '../api/http';

/** A member one blocks (web/.../block/BlockController.java). */
export interface BlockedMember {
  id: string;
  username: string;
  blockedAt: string;
}

export interface BlocksApi {
  list(me: string): Promise<BlockedMember[]>;
  block(me: string, other: string): Promise<void>;
  unblock(me: string, other: string): Promise<void>;
}

const blocksOf = (me: string) => `/profiles/${encodeURIComponent(me)}/blocks`;

export const blocksApi: BlocksApi = {
  list: (me) => http.get<BlockedMember[]>(blocksOf(me)),
  block: (me, other) => http.put(`${blocksOf(me)}/${encodeURIComponent(other)}`),
  unblock: (me, other) => http.delete(`${blocksOf(me)}/${encodeURIComponent(other)}`),
};
