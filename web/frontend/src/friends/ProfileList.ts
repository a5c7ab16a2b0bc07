import { PagedList } from '../lib/PagedList';
import type { Profile } from '../api/types';
import type { ProfilePageFetch } from './friendLists';

/** A listed member, with what the reader did to them on this page. */
export interface ListedProfile extends Profile {
  requestSent?: boolean;
}

/** After a row's action succeeds: the row leaves the list, or shows the change. */
export type Outcome = 'leave' | Partial<ListedProfile>;

/** A friends page's list: paged A→Z after the last username, with rows that change or leave after an action. */
export class ProfileList extends PagedList<ListedProfile> {
  constructor(fetchPage: ProfilePageFetch, limit = 20) {
    super((last, size) => fetchPage(last?.username, size), (profile) => profile.id, limit);
  }

  /** Runs `action` for the row `id`; a failure is thrown unchanged, for the row to show, and leaves the row as it was. */
  async act(id: string, action: () => Promise<unknown>, outcome: Outcome): Promise<void> {
    await action();
    if (outcome === 'leave') {
      this.remove(id);
      return;
    }
    const row = this.value.items.find((item) => item.id === id);
    if (row) this.replace({ ...row, ...outcome });
  }
}
