import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { http } from '../api/http';
import type { Profile } from '../api/types';
import { useObservable } from '../lib/useObservable';
import { Avatar } from '../ui/Avatar';
import { ProfileSearch } from './ProfileSearch';
import { SearchResults } from './SearchResults';

export function MemberSearch() {
  const search = useMemo(
    () => new ProfileSearch((query) => http.get<Profile[]>('/profiles', { username_query: query })),
    [],
  );
  const results$ = useMemo(() => search.results$, [search]);
  const result = useObservable(results$, { query: '', profiles: [], searching: false, error: null });
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    setText('');
    search.type('');
  };
  return (
    <div className="search" onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setOpen(false)}>
      <input
        type="search"
        placeholder="Search bunnies"
        aria-label="Search bunnies"
        value={text}
        maxLength={32}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          search.type(e.target.value);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => e.key === 'Escape' && close()}
      />
      {open && text.trim() !== '' && (
        <div className="search-results">
          <SearchResults result={result} text={text} onRetry={() => search.retry()}>
            {(profiles) => profiles.length > 0 && (
              <ul aria-label="Bunnies found">
                {profiles.map((profile) => (
                  <li key={profile.id}>
                    <Link to={`/profiles/${profile.id}`} onClick={close}>
                      <Avatar username={profile.username} size={24} /> {profile.username}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </SearchResults>
        </div>
      )}
    </div>
  );
}
