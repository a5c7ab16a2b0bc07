import { useMemo } from 'react';
import { Link } from 'react-router';
import { session } from '../session/session';
import { PostForm } from '../posts/PostForm';
import { PostList } from '../posts/PostList';
import { PostListView } from '../posts/PostListView';
import { postsApi } from '../posts/postsApi';

/** Home: posting on one's own wall, then the posts on the walls of the member and the member's friends. */
export function FeedPage() {
  const feed = useMemo(() => new PostList(postsApi.feed, postsApi), []);
  const me = session.me;
  return (
    <>
      {me && (
        <PostForm
          onPost={(content, privacy, idempotencyKey) =>
            feed.add({ content, privacy, wallProfileId: me.id, idempotencyKey })}
        />
      )}
      <PostListView
        list={feed}
        empty={
          <div className="card">
            <h2>Your feed is empty</h2>
            <p className="muted">Posts by you and your friends show up here.</p>
            <Link to="/friends/suggestions">Find friends</Link>
          </div>
        }
      />
    </>
  );
}
