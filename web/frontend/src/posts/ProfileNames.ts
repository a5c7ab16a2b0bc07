import { http } from '../api/http';
import type { Profile } from '../api/types';

/**
 * Usernames by profile id, asked for once each: a post on someone else's wall names the wall's owner, and a feed
 * holds many posts on the same few walls.
 */
export class ProfileNames {
  private readonly known = new Map<string, Promise<string>>();

  constructor(private readonly find: (id: string) => Promise<Profile>) {}

  remember(profile: Profile): void {
    this.known.set(profile.id, Promise.resolve(profile.username));
  }

  usernameOf(id: string): Promise<string> {
    let username = this.known.get(id);
    if (!username) {
      username = this.find(id).then((profile) => profile.username);
      // a failed look-up is not remembered, so the next card showing this wall asks again
      username.catch(() => this.known.delete(id));
      this.known.set(id, username);
    }
    return username;
  }
}

export const profileNames = new ProfileNames((id) => http.get<Profile>(`/profiles/${id}`));
