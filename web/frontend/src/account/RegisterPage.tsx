import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { http } from '../api/http';
import { ApiError } from '../api/ApiError';
import { session } from '../session/session';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { AccountCard } from './AccountCard';
import { randomId } from '../lib/randomId';

/** The fields the form shows its errors next to; an error about any other goes under the form. */
const FIELDS = ['username', 'email', 'password'];

export function RegisterPage() {
  const navigate = useNavigate();
  const [form, setForm] = useState({ username: '', email: '', password: '' });
  const [avatarIdentifier, setAvatarIdentifier] = useState(randomId);
  const [fields, setFields] = useState<Record<string, string>>({});
  const register = useAction(async () => {
    setFields({});
    try {
      await http.post('/register', { ...form, avatarIdentifier });
    } catch (e) {
      if (e instanceof ApiError) setFields(e.fields);
      throw e;
    }
    // the account exists now: a login that fails (busy server, network) must not offer to register it again
    await session.login(form.email, form.password).catch(() =>
      navigate('/login', { state: { notice: 'Your account is ready, but logging you in failed: please log in.' } }));
  });
  const set = (field: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [field]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void register.run();
  };
  return (
    <AccountCard title="Join Bunnybook">
      <form onSubmit={submit} className="stack">
        <div className="avatar-picker">
          <img src={`/web/avatar/${avatarIdentifier}`} alt="Your bunny" width={96} height={96} data-testid="avatar-preview" />
          <button type="button" className="secondary" onClick={() => setAvatarIdentifier(randomId())}>
            Generate another
          </button>
        </div>
        <label>
          Username
          <input autoComplete="username" required minLength={2} maxLength={32} value={form.username}
                 onChange={set('username')} aria-invalid={!!fields.username} />
          <small className="hint">2–32 letters or digits; single - _ . between them</small>
          <ErrorNote error={fields.username} />
        </label>
        <label>
          Email
          <input type="email" autoComplete="email" required value={form.email} onChange={set('email')}
                 aria-invalid={!!fields.email} />
          <ErrorNote error={fields.email} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="new-password" required minLength={8} maxLength={64}
                 value={form.password} onChange={set('password')} aria-invalid={!!fields.password} />
          <small className="hint">8–64 characters</small>
          <ErrorNote error={fields.password} />
        </label>
        <ErrorNote error={FIELDS.some((field) => fields[field]) ? null : register.error} />
        <button type="submit" disabled={register.busy}>{register.busy ? 'Creating…' : 'Create my account'}</button>
      </form>
      <p>Already a member? <Link to="/login">Log in</Link></p>
    </AccountCard>
  );
}
