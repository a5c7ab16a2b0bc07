import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError';
import type { Profile, Role } from '../api/types';
import type { Account } from './adminApi';
import { MemberRoles, type RoleApi } from './MemberRoles';
import type { SearchResult } from '../layout/ProfileSearch';

const clover: Profile = { id: 'c', username: 'clover' };
const hazel: Profile = { id: 'h', username: 'hazel' };

/** A server with these members, all USER at first; `grants` records what was granted. */
function server(...members: Profile[]) {
  const held = new Map<string, Role>(members.map((m) => [m.id, 'USER']));
  const accountOf = (id: string): Account => {
    const member = members.find((m) => m.id === id);
    if (!member) throw ApiError.of(404, { detail: 'Not Found' });
    return { ...member, email: `${member.username}@bunnybook.test`, role: held.get(id)! };
  };
  const grants: string[] = [];
  const api: RoleApi = {
    findMembers: async (query) => members.filter((m) => m.username.startsWith(query)),
    account: async (id) => accountOf(id),
    grantRole: async (id, role) => {
      grants.push(`${id} ${role}`);
      held.set(id, role);
      return accountOf(id);
    },
  };
  return { api, grants };
}

describe('MemberRoles', () => {
  afterEach(() => vi.useRealTimers());

  it('finds members by username with the shared throttled search', async () => {
    vi.useFakeTimers();
    const roles = new MemberRoles(server(clover, hazel).api, 100);
    const results: SearchResult[] = [];
    roles.search.results$.subscribe((r) => results.push(r));

    roles.search.type('clo');
    await vi.advanceTimersByTimeAsync(100);

    expect(results.at(-1)?.profiles).toEqual([clover]);
  });

  it('reads the chosen member’s account, role included', async () => {
    const roles = new MemberRoles(server(clover).api);
    const choosing = roles.choose(clover);
    expect(roles.value).toMatchObject({ chosen: clover, account: null, loading: true });

    await choosing;

    expect(roles.value).toMatchObject({ loading: false, error: null });
    expect(roles.value.account).toEqual({ id: 'c', username: 'clover', email: 'clover@bunnybook.test', role: 'USER' });
  });

  it('grants a role and says so', async () => {
    const { api, grants } = server(clover);
    const roles = new MemberRoles(api);
    await roles.choose(clover);

    await roles.grant('c', 'AUDITOR');

    expect(grants).toEqual(['c AUDITOR']);
    expect(roles.value.account?.role).toBe('AUDITOR');
    expect(roles.value.granted).toBe('clover is now AUDITOR');
  });

  it('forgets what was granted to the last member when another is chosen', async () => {
    const roles = new MemberRoles(server(clover, hazel).api);
    await roles.choose(clover);
    await roles.grant('c', 'ADMIN');

    await roles.choose(hazel);

    expect(roles.value).toMatchObject({ chosen: hazel, granted: null });
    expect(roles.value.account?.role).toBe('USER');
  });

  it('drops the account of a member chosen before the one chosen last', async () => {
    let answerClover: (account: Account) => void = () => undefined;
    const { api } = server(clover, hazel);
    const roles = new MemberRoles({
      ...api,
      account: (id) => (id === 'c' ? new Promise<Account>((resolve) => (answerClover = resolve)) : api.account(id)),
    });

    const slow = roles.choose(clover);
    await roles.choose(hazel);
    answerClover({ id: 'c', username: 'clover', email: 'clover@bunnybook.test', role: 'USER' });
    await slow;

    expect(roles.value.account?.username).toBe('hazel');
  });

  it('shows an account that cannot be read', async () => {
    const roles = new MemberRoles(server(clover).api);

    await roles.choose({ id: 'g', username: 'ghost' });

    expect(roles.value).toMatchObject({ loading: false, account: null, error: 'Not found: it may have been deleted.' });
  });

  it('lets a refused grant throw for the UI to show, no longer saying what the last grant did', async () => {
    const { api } = server(clover);
    const roles = new MemberRoles({
      ...api,
      grantRole: (id, role) =>
        role === 'ADMIN' ? Promise.reject(ApiError.of(403, { detail: 'Forbidden' })) : api.grantRole(id, role),
    });
    await roles.choose(clover);
    await roles.grant('c', 'AUDITOR');

    await expect(roles.grant('c', 'ADMIN')).rejects.toThrow('You are not allowed to do that.');

    expect(roles.value.granted).toBeNull();
    expect(roles.value.account?.role).toBe('AUDITOR');
  });
});
