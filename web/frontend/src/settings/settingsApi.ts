import { http } from '../api/http';

/** One of the member's sessions (web/.../session/SessionsController.java). */
export interface MemberSession {
  id: string;
  /** What the browser called itself at login ("Firefox on Linux"); null if unknown. */
  device: string | null;
  clientAddress: string | null;
  startedAt: string;
  /** The last login or refresh, not the last request. */
  lastUsedAt: string;
  /** The session of this browser. */
  current: boolean;
}

export interface SettingsApi {
  sessions(): Promise<MemberSession[]>;
  endSession(id: string): Promise<void>;
  endAllSessions(): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** Erases the member's account for good (docs/privacy.md); every session of theirs ends. */
  eraseAccount(password: string): Promise<void>;
}

export const settingsApi: SettingsApi = {
  sessions: () => http.get<MemberSession[]>('/sessions'),
  endSession: (id) => http.delete(`/sessions/${encodeURIComponent(id)}`),
  endAllSessions: () => http.delete('/sessions'),
  changePassword: (currentPassword, newPassword) => http.put('/me/password', { currentPassword, newPassword }),
  eraseAccount: (password) => http.delete('/me', { password }),
};
