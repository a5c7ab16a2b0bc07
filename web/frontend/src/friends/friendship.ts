import { http } from '../api/http';
import type { Connection, Relationship } from '../api/types';

/**
 * The friendship actions, as the member `me`: each answers once the server's read models show it, so the
 * page can reload what it lists right after.
 */
export const friendship = {
  relationship: (me: string, other: string) => http.get<Relationship>(`/profiles/${me}/relationships/${other}`),
  connection: (me: string, other: string) => http.get<Connection>(`/profiles/${me}/connection/${other}`),
  sendRequest: (me: string, target: string) => http.post(`/profiles/${me}/outgoing_friend_requests/${target}`),
  cancelRequest: (me: string, target: string) => http.delete(`/profiles/${me}/outgoing_friend_requests/${target}`),
  accept: (me: string, requester: string) => http.post(`/profiles/${me}/friends/${requester}`),
  reject: (me: string, requester: string) => http.delete(`/profiles/${me}/incoming_friend_requests/${requester}`),
  unfriend: (me: string, friend: string) => http.delete(`/profiles/${me}/friends/${friend}`),
};
