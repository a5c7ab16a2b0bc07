import { Store } from '../lib/store';
import { describe } from '../api/ApiError';
import type { MemberSession, SettingsApi } from './settingsApi';

export interface MySessionsState {
  sessions: MemberSession[];
  loading: boolean;
  error: string | null;
}

/**
 * The member's sessions, and ending them. Ending this browser's own session, or all of them, ends it here too
 * (`endedHere`: the session service logs every tab out); ending another one only drops it from the list. A refused
 * ending throws, for the button that ran it to say why.
 */
export class MySessions extends Store<MySessionsState> {
  constructor(private readonly api: SettingsApi, private readonly endedHere: () => void) {
    super({ sessions: [], loading: false, error: null });
  }

  async load(): Promise<void> {
    this.update((s) => ({ ...s, loading: true, error: null }));
    try {
      const sessions = await this.api.sessions();
      this.set({ sessions, loading: false, error: null });
    } catch (e) {
      this.update((s) => ({ ...s, loading: false, error: describe(e) }));
    }
  }

  async end(session: MemberSession): Promise<void> {
    await this.api.endSession(session.id);
    if (session.current) {
      this.endedHere();
    } else {
      this.update((s) => ({ ...s, sessions: s.sessions.filter((other) => other.id !== session.id) }));
    }
  }

  /** "Log out everywhere": this browser included. */
  async endAll(): Promise<void> {
    await this.api.endAllSessions();
    this.set({ sessions: [], loading: false, error: null });
    this.endedHere();
  }
}

/** What is wrong with a new password before the server is asked (the server's rule: 8 to 64 characters, 72 bytes). */
export function passwordProblem(newPassword: string, repeated: string): string | null {
  if (newPassword.length < 8 || newPassword.length > 64) return 'The new password must be 8 to 64 characters.';
  if (new TextEncoder().encode(newPassword).length > 72) return 'The new password is too long (at most 72 bytes).';
  if (newPassword !== repeated) return 'The two new passwords differ.';
  return null;
}
