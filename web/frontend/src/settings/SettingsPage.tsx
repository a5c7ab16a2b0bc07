import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useObservable } from '../lib/useObservable';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { Time } from '../ui/Time';
import { ApiError } from '../api/ApiError';
import { session } from '../session/session';
import { settingsApi, type MemberSession } from './settingsApi';
import { MySessions, passwordProblem } from './MySessions';
import { DataExportCard } from '../export/DataExportCard';
import { BlockedMembersCard } from '../block/BlockedMembersCard';

/** The member's own settings: where they are signed in, their password, whom they block, their data, and leaving for good. */
export function SettingsPage() {
  const me = session.me;
  return (
    <div className="stack">
      <h1>Settings</h1>
      <SessionsCard />
      <PasswordCard />
      {me && <BlockedMembersCard me={me.id} />}
      <DataExportCard />
      <DeleteAccountCard />
    </div>
  );
}

function SessionsCard() {
  const navigate = useNavigate();
  const mine = useMemo(() => new MySessions(settingsApi, () => {
    session.endHere();
    navigate('/login');
  }), [navigate]);
  const { sessions, loading, error } = useObservable(mine.state$, mine.value);
  useEffect(() => void mine.load(), [mine]);
  const endAll = useAction(() => mine.endAll());
  return (
    <section className="card stack" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      {loading && <p className="muted">Loading…</p>}
      <ErrorNote error={error && `Your sessions could not be read: ${error}`} />
      <ul className="stack" aria-label="Sessions">
        {sessions.map((s) => <SessionRow key={s.id} session={s} mine={mine} />)}
      </ul>
      <div className="row">
        <button type="button" disabled={endAll.busy} onClick={() => void endAll.run()}>Log out everywhere</button>
      </div>
      <ErrorNote error={endAll.error} />
    </section>
  );
}

function SessionRow({ session: s, mine }: { session: MemberSession; mine: MySessions }) {
  const end = useAction(() => mine.end(s));
  return (
    <li className="stack" data-testid="session">
      <div className="row">
        <strong>{s.device ?? 'Unknown device'}</strong>
        {s.current && <span className="badge">this browser</span>}
      </div>
      <span className="muted">
        {s.clientAddress ?? 'unknown address'} · signed in <Time at={s.startedAt} /> · last used <Time at={s.lastUsedAt} />
      </span>
      <div className="row">
        <button type="button" className="link" disabled={end.busy} onClick={() => void end.run()}>
          End this session
        </button>
      </div>
      <ErrorNote error={end.error} />
    </li>
  );
}

function PasswordCard() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeated, setRepeated] = useState('');
  const [changed, setChanged] = useState(false);
  const change = useAction(async () => {
    setChanged(false);
    const problem = passwordProblem(next, repeated);
    if (problem) throw new ApiError(422, problem);
    try {
      await settingsApi.changePassword(current, next);
    } catch (e) {
      throw e instanceof ApiError && e.status === 403 ? new ApiError(403, 'Your current password is not right.') : e;
    }
    setCurrent('');
    setNext('');
    setRepeated('');
    setChanged(true);
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void change.run();
  };
  return (
    <section className="card stack" aria-labelledby="password-title">
      <h2 id="password-title">Change your password</h2>
      <form onSubmit={submit} className="stack">
        <label>
          Current password
          <input type="password" autoComplete="current-password" required value={current}
                 onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label>
          New password
          <input type="password" autoComplete="new-password" required value={next}
                 onChange={(e) => setNext(e.target.value)} />
        </label>
        <label>
          New password, again
          <input type="password" autoComplete="new-password" required value={repeated}
                 onChange={(e) => setRepeated(e.target.value)} />
        </label>
        <p className="hint">Changing it logs you out everywhere else; this browser stays signed in.</p>
        <ErrorNote error={change.error} />
        {changed && <p className="notice" role="status">Your password was changed.</p>}
        <button type="submit" disabled={change.busy}>Change password</button>
      </form>
    </section>
  );
}

/** Erasure asks twice: a first click opens the confirmation, which takes the password. */
function DeleteAccountCard() {
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const erase = useAction(async () => {
    try {
      await settingsApi.eraseAccount(password);
    } catch (e) {
      throw e instanceof ApiError && e.status === 403 ? new ApiError(403, 'Your password is not right.') : e;
    }
    session.endHere();
    navigate('/login');
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void erase.run();
  };
  return (
    <section className="card stack" aria-labelledby="delete-account-title">
      <h2 id="delete-account-title">Delete my account</h2>
      <p className="hint">
        Your name, email and everything you wrote become unreadable for good; others see “erased member” and
        “[erased]” where you were. You are logged out everywhere. This cannot be undone.
      </p>
      {!confirming && (
        <div className="row">
          <button type="button" className="danger" onClick={() => setConfirming(true)}>Delete my account</button>
        </div>
      )}
      {confirming && (
        <form onSubmit={submit} className="stack" aria-label="Confirm deleting your account">
          <label>
            Your password, to confirm
            <input type="password" autoComplete="current-password" required value={password}
                   onChange={(e) => setPassword(e.target.value)} />
          </label>
          <ErrorNote error={erase.error} />
          <div className="row">
            <button type="submit" className="danger" disabled={erase.busy}>Delete my account for good</button>
            <button type="button" className="link" onClick={() => setConfirming(false)}>Keep my account</button>
          </div>
        </form>
      )}
    </section>
  );
}
