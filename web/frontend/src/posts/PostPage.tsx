import { useEffect, useMemo } from 'react';
import { useParams } from 'react-router';
import { useObservable } from '../lib/useObservable';
import { ErrorNote } from '../ui/ErrorNote';
import { NotFoundCard } from '../ui/NotFoundCard';
import { PostCard } from './PostCard';
import { SinglePost } from './SinglePost';
import { postsApi } from './postsApi';

/** /posts/:id — one post with more of its comments at a time; a fresh page for each post. */
export function PostPage() {
  const { id = '' } = useParams();
  return <PostView key={id} id={id} />;
}

function PostView({ id }: { id: string }) {
  const post = useMemo(() => new SinglePost(postsApi, id), [id]);
  const state = useObservable(post.state$, post.value);
  useEffect(() => void post.load(), [post]);

  switch (state.status) {
    case 'loading':
      return <p className="loading-page" role="status">Loading the post…</p>;
    case 'shown':
      return <PostCard post={state.post} actions={post} commentsPageSize={10} />;
    case 'gone':
      return <NotFoundCard title="This post is gone" text="It was deleted, or it never existed." />;
    case 'hidden':
      return <NotFoundCard title="Only friends of the wall owner can see this post" text="Become friends to read it." />;
    case 'error':
      return (
        <div className="card">
          <ErrorNote error={state.error} />
          <button type="button" onClick={() => void post.load()}>Try again</button>
        </div>
      );
  }
}
