import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { profileNames } from './ProfileNames';

/** "→ owner" for a post on someone else's wall; nothing until the owner's name is known. */
export function WallOwner({ id }: { id: string }) {
  const [username, setUsername] = useState<string | null>(null);
  useEffect(() => {
    let shown = true;
    profileNames.usernameOf(id).then(
      (name) => shown && setUsername(name),
      () => undefined, // the post reads fine without the owner's name
    );
    return () => {
      shown = false;
    };
  }, [id]);
  if (!username) return null;
  return (
    <span>
      → <Link to={`/profiles/${id}`}>{username}</Link>
    </span>
  );
}
