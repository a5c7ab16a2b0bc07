import { useEffect, useMemo } from 'react';
import { map, merge, type Observable } from 'rxjs';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useObservable } from '../lib/useObservable';
import { session } from '../session/session';
import { friendship } from '../friends/friendship';
import { realtime } from '../realtime/realtime';
import { Avatar } from '../ui/Avatar';
import { ErrorNote } from '../ui/ErrorNote';
import { PostForm } from '../posts/PostForm';
import { PostListView } from '../posts/PostListView';
import { postsApi } from '../posts/postsApi';
import { profileNames } from './ProfileNames';
import { NoSuchBunny } from './NoSuchBunny';
import { ProfileWall, type FriendshipPush } from './ProfileWall';
import { RelationshipButton } from './RelationshipButton';
import { ReportButton } from '../reports/ReportButton';
import { ConnectionChain } from './ConnectionChain';
import { BlockButton } from '../block/BlockButton';
import { MyBlocks } from '../block/MyBlocks';
import { blocksApi } from '../block/blocksApi';
import styles from './ProfilePage.module.css';

const findProfile = (id: string) => profileNames.find(id);

const friendshipPushes: Observable<FriendshipPush> = merge(
  realtime.on<{ profileId: string }>('add_friend').pipe(map(({ profileId }) => ({ profileId, friends: true }))),
  realtime.on<{ profileId: string }>('remove_friend').pipe(map(({ profileId }) => ({ profileId, friends: false }))),
);

/**
 * /profiles/:id — a fresh page (stores and all) for each visit, even of the profile already shown: following a link
 * to it reads the relationship and the wall again, as a reload would (the profile itself never changes).
 */
export function ProfilePage() {
  const { id = '' } = useParams();
  const visit = useLocation().key;
  const me = session.me;
  if (!me) return null;
  return <ProfileView key={`${id}/${visit}`} me={me.id} id={id} />;
}

function ProfileView({ me, id }: { me: string; id: string }) {
  const wall = useMemo(() => new ProfileWall({ findProfile, friendship, posts: postsApi, friendshipPushes }, me, id), [me, id]);
  const state = useObservable(wall.profile.state$, wall.profile.value);
  const mayPost = useObservable(wall.mayPost$, false);
  const blocks = useMemo(() => new MyBlocks(blocksApi, me), [me]);
  const { loaded: blocksKnown } = useObservable(blocks.state$, blocks.value);
  const navigate = useNavigate();
  useEffect(() => {
    const subscription = wall.start();
    return () => subscription.unsubscribe();
  }, [wall]);
  useEffect(() => void blocks.load(), [blocks]);
  // a block changes the wall, the relationship and the connection at once: the page is read again, as on a visit
  const readAgain = () => navigate(`/profiles/${id}`, { replace: true });

  if (state.status === 'loading') return <p className="loading-page" role="status">Loading the profile…</p>;
  if (state.status === 'missing') return <NoSuchBunny />;
  if (state.status === 'error') {
    return (
      <div className="card">
        <ErrorNote error={state.error} />
        <button type="button" onClick={() => void wall.loadProfile()}>Try again</button>
      </div>
    );
  }

  const { username } = state.profile;
  const self = me === id;
  const blocked = blocks.blocks(id);
  return (
    <>
      <section className={`card ${styles.header}`}>
        <Avatar username={username} size={112} />
        <div className={styles.about}>
          <h1>{username}</h1>
          <nav className={styles.links} aria-label="Friends of this bunny">
            <Link to={`/profiles/${id}/friends`}>Friends</Link>
            {!self && <Link to={`/profiles/${id}/friends/mutual`}>Mutual friends</Link>}
          </nav>
          {!self && !blocked && <ConnectionChain store={wall.connection} />}
          {!blocked && <RelationshipButton store={wall.relationship} />}
          {!self && <ReportButton subjectType="PROFILE" subjectId={id} />}
          {!self && blocksKnown && (
            <BlockButton
              username={username}
              blocked={blocked}
              onBlock={async () => { await blocks.block(id, username); readAgain(); }}
              onUnblock={async () => { await blocks.unblock(id); readAgain(); }}
            />
          )}
        </div>
      </section>
      {mayPost && (
        <PostForm
          placeholder={self ? 'What’s new, bunny?' : `Write something to ${username}…`}
          onPost={(content, privacy, idempotencyKey) =>
            wall.posts.add({ content, privacy, wallProfileId: id, idempotencyKey })}
        />
      )}
      <PostListView list={wall.posts} empty={<p className="card muted">No posts on this wall yet.</p>} />
    </>
  );
}
