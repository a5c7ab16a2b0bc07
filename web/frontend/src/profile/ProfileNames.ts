import { http } from '../api/http';
import type { Profile } from '../api/types';

/**
 * Profiles by id, asked for once each, for every page that names a member by id: a feed holds many posts on the same
 * few walls, and a profile page and its friends pages name the same member. Usernames never change, so what is known
 * never goes stale; a failed look-up (a 404 included) is forgotten, so the next one asks again.
 */
export class ProfileNames {
  private readonly known = new Map<string, Promise<Profile>>();

  constructor(private readonly fetch: (id: string) => Promise<Profile>) {}

  find(id: string): Promise<Profile> {
    let profile = this.known.get(id);
    if (!profile) {
      profile = this.fetch(id);
      profile.catch(() => this.known.delete(id));
      this.known.set(id, profile);
    }
    return profile;
  }
}

export const profileNames = new ProfileNames((id) => http.get<Profile>(`/profiles/${id}`));
