import { useMemo, useState, type FormEvent } from 'react';
import type { Profile, Role } from '../api/types';
import { useObservable } from '../lib/useObservable';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { Avatar } from '../ui/Avatar';
import { SearchResults } from '../layout/SearchResults';
import { adminApi, type Account } from './adminApi';
import { MemberRoles } from './MemberRoles';
import styles from './Admin.module.css';

const ROLES: Role[] = ['USER', 'AUDITOR', 'MODERATOR', 'ADMIN'];

/** Finding a member and granting them a role. */
export function MembersPage() {
  const roles = useMemo(() => new MemberRoles(adminApi), []);
  const { chosen, account, loading, error, granted } = useObservable(roles.state$, roles.value);
  return (
    <section aria-labelledby="members-title">
      <h1 id="members-title">Members</h1>
      <div className={styles.split}>
        <MemberFinder roles={roles} chosen={chosen} />
        {chosen && (
          <article className="card stack" aria-labelledby="member-title">
            <h2 id="member-title">{chosen.username}</h2>
            {loading && <p className="muted">Loading…</p>}
            <ErrorNote error={error && `The account could not be read: ${error}`} />
            {account && (
              <>
                <dl className={styles.facts}>
                  <dt>Username</dt>
                  <dd>{account.username}</dd>
                  <dt>Email</dt>
                  <dd>{account.email}</dd>
                  <dt>Role</dt>
                  <dd>{account.role}</dd>
                </dl>
                {/* keyed by the role held, so that after a grant the choice starts again from it */}
                <RoleForm key={`${account.id} ${account.role}`} account={account} roles={roles} />
              </>
            )}
            {granted && <p className="notice" role="status">{granted}</p>}
          </article>
        )}
      </div>
    </section>
  );
}

function MemberFinder({ roles, chosen }: { roles: MemberRoles; chosen: Profile | null }) {
  const result = useObservable(roles.search.results$, { query: '', profiles: [], searching: false, error: null });
  const [text, setText] = useState('');
  return (
    <div className="card stack">
      <label>
        Find a member
        <input
          type="search"
          placeholder="Username"
          value={text}
          maxLength={32}
          onChange={(e) => {
            setText(e.target.value);
            roles.search.type(e.target.value);
          }}
        />
      </label>
      <SearchResults result={result} text={text} onRetry={() => roles.search.retry()}>
        {(profiles) => profiles.length > 0 && (
          <ul className={styles.found} aria-label="Members found">
            {profiles.map((profile) => (
              <li key={profile.id}>
                <button
                  type="button"
                  className="link"
                  aria-current={profile.id === chosen?.id}
                  onClick={() => void roles.choose(profile)}
                >
                  <Avatar username={profile.username} size={24} /> {profile.username}
                </button>
              </li>
            ))}
          </ul>
        )}
      </SearchResults>
    </div>
  );
}

/** The role to grant, starting from the one held; USER takes any other back. */
function RoleForm({ account, roles }: { account: Account; roles: MemberRoles }) {
  const [role, setRole] = useState(account.role);
  const grant = useAction(() => roles.grant(account.id, role));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void grant.run();
  };
  return (
    <form onSubmit={submit} className="stack">
      <div className={`row ${styles.grant}`}>
        <select aria-label={`Role of ${account.username}`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>{r}</option>
          ))}
        </select>
        <button type="submit" disabled={grant.busy || role === account.role}>Grant</button>
      </div>
      <p className="hint">
        AUDITOR reads and verifies the history; MODERATOR works the moderation queue; ADMIN does both and also
        operates the system. A change ends every session of the
        member at once: they log in again and hold the new role.
      </p>
      <ErrorNote error={grant.error} />
    </form>
  );
}
