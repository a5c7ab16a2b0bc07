import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/ApiError';
import { MySessions, passwordProblem } from './MySessions';
import type { MemberSession, SettingsApi } from './settingsApi';

const session = (id: string, current = false): MemberSession => ({
  id, device: 'Firefox on Linux', clientAddress: '10.0.0.1', startedAt: '2026-12-03T09:00:00.000Z',
  lastUsedAt: '2026-12-03T09:30:00.000Z', current,
});

/** A server holding these sessions of the member; `ended` records what was ended. */
function server(...held: MemberSession[]) {
  let sessions = [...held];
  const ended: string[] = [];
  const api: SettingsApi = {
    sessions: async () => sessions,
    endSession: async (id) => {
      if (!sessions.some((s) => s.id === id)) throw ApiError.of(404, { detail: 'Not Found' });
      ended.push(id);
      sessions = sessions.filter((s) => s.id !== id);
    },
    endAllSessions: async () => {
      ended.push(...sessions.map((s) => s.id));
      sessions = [];
    },
    changePassword: async () => undefined,
    eraseAccount: async () => undefined,
  };
  return { api, ended };
}

describe('MySessions', () => {
  it('lists the member’s sessions', async () => {
    const mine = new MySessions(server(session('here', true), session('phone')).api, vi.fn());
    await mine.load();
    expect(mine.value.sessions.map((s) => s.id)).toEqual(['here', 'phone']);
    expect(mine.value).toMatchObject({ loading: false, error: null });
  });

  it('says why the list could not be read', async () => {
    const api = { ...server().api, sessions: async () => { throw ApiError.of(503, { detail: 'try again' }); } };
    const mine = new MySessions(api, vi.fn());
    await mine.load();
    expect(mine.value.error).toBeTruthy();
  });

  it('ends another session and drops it from the list, staying signed in here', async () => {
    const { api, ended } = server(session('here', true), session('phone'));
    const endedHere = vi.fn();
    const mine = new MySessions(api, endedHere);
    await mine.load();
    await mine.end(mine.value.sessions[1]);
    expect(ended).toEqual(['phone']);
    expect(mine.value.sessions.map((s) => s.id)).toEqual(['here']);
    expect(endedHere).not.toHaveBeenCalled();
  });

  it('ends the session here too when the member ends this one', async () => {
    const endedHere = vi.fn();
    const mine = new MySessions(server(session('here', true)).api, endedHere);
    await mine.load();
    await mine.end(mine.value.sessions[0]);
    expect(endedHere).toHaveBeenCalledOnce();
  });

  it('logs out everywhere, this browser included', async () => {
    const { api, ended } = server(session('here', true), session('phone'), session('laptop'));
    const endedHere = vi.fn();
    const mine = new MySessions(api, endedHere);
    await mine.load();
    await mine.endAll();
    expect(ended).toEqual(['here', 'phone', 'laptop']);
    expect(mine.value.sessions).toEqual([]);
    expect(endedHere).toHaveBeenCalledOnce();
  });

  it('throws a refused ending, and keeps the list as it was', async () => {
    const mine = new MySessions(server(session('here', true)).api, vi.fn());
    await mine.load();
    await expect(mine.end(session('gone'))).rejects.toMatchObject({ status: 404 });
    expect(mine.value.sessions.map((s) => s.id)).toEqual(['here']);
  });
});

describe('passwordProblem', () => {
  it('accepts a new password the server accepts, typed twice alike', () => {
    expect(passwordProblem('clover-and-carrots', 'clover-and-carrots')).toBeNull();
  });

  it('refuses a short, a long, an over-72-byte or a mistyped one', () => {
    expect(passwordProblem('short', 'short')).toMatch(/8 to 64/);
    expect(passwordProblem('x'.repeat(65), 'x'.repeat(65))).toMatch(/8 to 64/);
    expect(passwordProblem('ü'.repeat(40), 'ü'.repeat(40))).toMatch(/72 bytes/);
    expect(passwordProblem('clover-and-carrots', 'clover-and-carrot')).toMatch(/differ/);
  });
});
