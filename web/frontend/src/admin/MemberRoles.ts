import { Store } from '../lib/store';
import { describe } from '../api/ApiError';
import type { Profile, Role } from '../api/types';
import { ProfileSearch } from '../layout/ProfileSearch';
import type { Account } from './adminApi';

export interface MemberRolesState {
  /** The member picked from the search; null until one is. */
  chosen: Profile | null;
  /** The chosen member's account as the server last answered it; null while it loads. */
  account: Account | null;
  loading: boolean;
  error: string | null;
  /** What the last grant did, in words. */
  granted: string | null;
}

export interface RoleApi {
  findMembers(query: string): Promise<Profile[]>;
  account(id: string): Promise<Account>;
  grantRole(id: string, role: Role): Promise<Account>;
}

/**
 * Finding a member by username and granting them a role. Answers about a member no longer chosen (the admin picked
 * another meanwhile) are dropped; a refused grant throws, for the control that ran it to say why.
 */
export class MemberRoles extends Store<MemberRolesState> {
  readonly search: ProfileSearch;

  constructor(private readonly api: RoleApi, searchWaitMs?: number) {
    super({ chosen: null, account: null, loading: false, error: null, granted: null });
    this.search = new ProfileSearch((query) => api.findMembers(query), searchWaitMs);
  }

  async choose(member: Profile): Promise<void> {
    this.set({ chosen: member, account: null, loading: true, error: null, granted: null });
    try {
      const account = await this.api.account(member.id);
      this.whileChosen(member.id, (s) => ({ ...s, account, loading: false }));
    } catch (e) {
      this.whileChosen(member.id, (s) => ({ ...s, loading: false, error: describe(e) }));
    }
  }

  async grant(id: string, role: Role): Promise<void> {
    // the last grant's outcome would read as this one's, should this one be refused
    this.whileChosen(id, (s) => ({ ...s, granted: null }));
    const account = await this.api.grantRole(id, role);
    this.whileChosen(id, (s) => ({ ...s, account, granted: `${account.username} is now ${account.role}` }));
  }

  private whileChosen(id: string, change: (current: MemberRolesState) => MemberRolesState): void {
    if (this.value.chosen?.id === id) this.update(change);
  }
}
