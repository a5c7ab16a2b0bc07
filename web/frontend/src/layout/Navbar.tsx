import { Link, NavLink, useNavigate } from 'react-router';
import { useObservable } from '../lib/useObservable';
import { session } from '../session/session';
import { badges } from '../badges/badges';
import { Avatar } from '../ui/Avatar';
import { MemberSearch } from './MemberSearch';
import { useAction } from '../ui/useAction';

export function Navbar() {
  const me = session.me!;
  const counts = useObservable(badges.state$, badges.value);
  const navigate = useNavigate();
  const logout = useAction(async () => {
    await session.logout();
    navigate('/login');
  });
  return (
    <header className="navbar">
      <Link to="/" className="brand" aria-label="Bunnybook home">
        <img src="/web/avatar/bunnybook" alt="" width={32} height={32} />
        <span>Bunnybook</span>
      </Link>
      <MemberSearch />
      <nav aria-label="Main">
        <NavLink to="/" end>Home</NavLink>
        <NavLink to="/friends">Friends</NavLink>
        <NavLink to="/notifications" aria-label={`Notifications, ${counts.unreadNotifications} unread`}>
          Notifications<Badge count={counts.unreadNotifications} testId="notifications-badge" />
        </NavLink>
        <NavLink to="/conversations" aria-label={`Conversations, ${counts.unreadConversationIds.length} unread`}>
          Chats<Badge count={counts.unreadConversationIds.length} testId="conversations-badge" />
        </NavLink>
        {(me.role === 'AUDITOR' || me.role === 'ADMIN') && <NavLink to="/audit">Audit</NavLink>}
        {(me.role === 'MODERATOR' || me.role === 'ADMIN') && <NavLink to="/moderation">Moderation</NavLink>}
        {me.role === 'ADMIN' && <NavLink to="/admin">Admin</NavLink>}
        <NavLink to={`/profiles/${me.id}`} className="me" title="Your wall">
          <Avatar username={me.username} size={28} />
          <span>{me.username}</span>
        </NavLink>
        <NavLink to="/settings">Settings</NavLink>
        <button type="button" className="link" disabled={logout.busy} onClick={() => void logout.run()}>Log out</button>
      </nav>
      {logout.error && <p className="error-note" role="alert">Could not log out: {logout.error}</p>}
    </header>
  );
}

function Badge({ count, testId }: { count: number; testId: string }) {
  if (count === 0) return null;
  return <span className="badge" data-testid={testId}>{count > 99 ? '99+' : count}</span>;
}
