import { Link } from 'react-router';
import { useUsername } from '../profile/useUsername';

/** "→ owner" for a post on someone else's wall; nothing until the owner's name is known (the post reads fine without). */
export function WallOwner({ id }: { id: string }) {
  const { username } = useUsername(id);
  if (!username) return null;
  return (
    <span>
      → <Link to={`/profiles/${id}`}>{username}</Link>
    </span>
  );
}
