import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { session } from '../session/session';
import { ApiError } from '../api/ApiError';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { AccountCard } from './AccountCard';

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  /** Why the member is here: their session ended, or their new account awaits a login. */
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const login = useAction(() => session.login(email, password).catch((e: unknown) => {
    throw e instanceof ApiError && e.status === 401 ? new ApiError(401, 'Wrong email or password.') : e;
  }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void login.run();
  };
  return (
    <AccountCard title="Welcome back, bunny">
      {notice && <p className="notice">{notice}</p>}
      <form onSubmit={submit} className="stack">
        <label>
          Email
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" required value={password}
                 onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote error={login.error} />
        <button type="submit" disabled={login.busy}>{login.busy ? 'Logging in…' : 'Log in'}</button>
      </form>
      <p>New here? <Link to="/register">Create an account</Link></p>
    </AccountCard>
  );
}
