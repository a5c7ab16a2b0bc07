import { http } from '../api/http';
import type { Profile } from '../api/types';

/** One page of a list of members, A→Z after `usernameGt` (docs/http-api.md). */
export type ProfilePageFetch = (usernameGt: string | undefined, limit: number) => Promise<Profile[]>;

export type SuggestionSort = 'username' | 'mutual';

/** The lists the friends pages show; `me` is the member reading them. */
export const friendLists = {
  friendsOf: (profile: string): ProfilePageFetch => (usernameGt, limit) =>
    http.get(`/profiles/${profile}/friends`, { username_gt: usernameGt, limit }),
  mutual: (me: string, other: string): ProfilePageFetch => (usernameGt, limit) =>
    http.get(`/profiles/${me}/friends/${other}/mutual_friends`, { username_gt: usernameGt, limit }),
  suggestions: (me: string, sort: SuggestionSort): ProfilePageFetch => (usernameGt, limit) =>
    http.get(`/profiles/${me}/friend_suggestions`, { username_gt: usernameGt, limit, sort }),
  requests: (me: string, direction: 'incoming' | 'outgoing'): ProfilePageFetch => (usernameGt, limit) =>
    http.get(`/profiles/${me}/friend_requests`, { direction, username_gt: usernameGt, limit }),
};
