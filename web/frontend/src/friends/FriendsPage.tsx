import { useMemo } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useParams, useSearchParams } from 'react-router';
import { session } from '../session/session';
import { NotFoundPage } from '../layout/NotFoundPage';
import { ErrorNote } from '../ui/ErrorNote';
import { friendLists, type SuggestionSort } from './friendLists';
import { ProfileList } from './ProfileList';
import { ProfileListView } from './ProfileListView';
import { FriendActions, IncomingRequestActions, OutgoingRequestActions, SuggestionActions } from './ProfileRowActions';
import { useUsername } from '../profile/useUsername';
import { NoSuchBunny } from '../profile/NoSuchBunny';
import styles from './Friends.module.css';

/** `/friends/*` (the member's own lists) and `/profiles/:id/friends/*` (another member's). */
export function FriendsPage() {
  const { id } = useParams();
  const me = session.me!.id;
  if (!id) return <MyFriends me={me} />;
  if (id === me) return <Navigate to="/friends" replace />;
  return <TheirFriends me={me} other={id} />;
}

function Tabs({ links }: { links: [to: string, label: string][] }) {
  return (
    <nav className={styles.tabs} aria-label="Friends lists">
      {links.map(([to, label]) => (
        <NavLink key={to} to={to} end>{label}</NavLink>
      ))}
    </nav>
  );
}

function MyFriends({ me }: { me: string }) {
  return (
    <section className="card">
      <Tabs links={[
        ['/friends', 'Friends'],
        ['/friends/suggestions', 'Suggestions'],
        ['/friends/incoming', 'Requests received'],
        ['/friends/outgoing', 'Requests sent'],
      ]} />
      <Routes>
        <Route index element={<MyFriendList me={me} />} />
        <Route path="suggestions" element={<Suggestions me={me} />} />
        <Route path="incoming" element={<Requests me={me} direction="incoming" />} />
        <Route path="outgoing" element={<Requests me={me} direction="outgoing" />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </section>
  );
}

function MyFriendList({ me }: { me: string }) {
  const list = useMemo(() => new ProfileList(friendLists.friendsOf(me)), [me]);
  return (
    <>
      <h1>Your friends</h1>
      <ProfileListView list={list} label="Your friends"
        empty={<>No friends yet. Meet some <Link to="/friends/suggestions">bunnies you may know</Link>.</>}
        actions={(profile) => <FriendActions me={me} profile={profile} list={list} />} />
    </>
  );
}

function Suggestions({ me }: { me: string }) {
  const [params, setParams] = useSearchParams();
  const sort: SuggestionSort = params.get('sort') === 'mutual' ? 'mutual' : 'username';
  const list = useMemo(() => new ProfileList(friendLists.suggestions(me, sort)), [me, sort]);
  const sortBy = (next: SuggestionSort) => setParams(next === 'mutual' ? { sort: 'mutual' } : {}, { replace: true });
  return (
    <>
      <div className={styles.heading}>
        <h1>Bunnies you may know</h1>
        <div className={styles.sort} role="group" aria-label="Sort suggestions">
          <button type="button" className={sort === 'username' ? '' : 'secondary'} aria-pressed={sort === 'username'}
            onClick={() => sortBy('username')}>A→Z</button>
          <button type="button" className={sort === 'mutual' ? '' : 'secondary'} aria-pressed={sort === 'mutual'}
            onClick={() => sortBy('mutual')}>Most mutual friends</button>
        </div>
      </div>
      <ProfileListView list={list} label="Bunnies you may know"
        empty="No suggestions yet: friends of your friends will show up here."
        actions={(profile) => <SuggestionActions me={me} profile={profile} list={list} />} />
    </>
  );
}

function Requests({ me, direction }: { me: string; direction: 'incoming' | 'outgoing' }) {
  const list = useMemo(() => new ProfileList(friendLists.requests(me, direction)), [me, direction]);
  const incoming = direction === 'incoming';
  const title = incoming ? 'Friend requests to you' : 'Your friend requests';
  return (
    <>
      <h1>{title}</h1>
      <ProfileListView list={list} label={title}
        empty={incoming ? 'No one has asked to be your friend yet.' : 'You have no pending friend requests.'}
        actions={(profile) => incoming
          ? <IncomingRequestActions me={me} profile={profile} list={list} />
          : <OutgoingRequestActions me={me} profile={profile} list={list} />} />
    </>
  );
}

function TheirFriends({ me, other }: { me: string; other: string }) {
  const { username, missing, error } = useUsername(other);
  if (missing) return <NoSuchBunny />;
  const name = username ?? 'This bunny';
  return (
    <section className="card">
      <Tabs links={[
        [`/profiles/${other}/friends`, `${username ? `${username}'s` : 'All'} friends`],
        [`/profiles/${other}/friends/mutual`, 'Mutual friends'],
      ]} />
      <ErrorNote error={error} />
      <Routes>
        <Route index element={<TheirFriendList other={other} name={name} />} />
        <Route path="mutual" element={<MutualFriendList me={me} other={other} name={name} />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </section>
  );
}

function TheirFriendList({ other, name }: { other: string; name: string }) {
  const list = useMemo(() => new ProfileList(friendLists.friendsOf(other)), [other]);
  return (
    <>
      <h1><Link to={`/profiles/${other}`}>{name}</Link>'s friends</h1>
      <ProfileListView list={list} label={`${name}'s friends`} empty={`${name} has no friends yet.`} />
    </>
  );
}

function MutualFriendList({ me, other, name }: { me: string; other: string; name: string }) {
  const list = useMemo(() => new ProfileList(friendLists.mutual(me, other)), [me, other]);
  return (
    <>
      <h1>Friends you and <Link to={`/profiles/${other}`}>{name}</Link> share</h1>
      <ProfileListView list={list} label="Mutual friends" empty={`You and ${name} have no friends in common yet.`} />
    </>
  );
}
