import { avatarOf } from '../api/types';

/** A member's bunny, drawn by the server at registration. */
export function Avatar({ username, size = 40 }: { username: string; size?: number }) {
  return <img className="avatar" src={avatarOf(username)} alt="" width={size} height={size} loading="lazy" />;
}
