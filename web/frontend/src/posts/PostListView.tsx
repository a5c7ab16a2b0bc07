import { useEffect, type ReactNode } from 'react';
import { useObservable } from '../lib/useObservable';
import { useInfiniteScroll } from '../lib/useInfiniteScroll';
import { ErrorNote } from '../ui/ErrorNote';
import type { PostList } from './PostList';
import { PostCard } from './PostCard';
import styles from './PostListView.module.css';

/** A feed or a wall: its posts, the next page as the member scrolls near the end, and what to show when empty. */
export function PostListView({ list, empty }: { list: PostList; empty: ReactNode }) {
  const page = useObservable(list.state$, list.value);
  const sentinel = useInfiniteScroll<HTMLDivElement>(() => void list.loadMore(), !page.exhausted && !page.error, page.items.length);
  useEffect(() => void list.loadMore(), [list]);

  return (
    <div>
      {page.items.map((post) => (
        <PostCard key={post.id} post={post} actions={list} />
      ))}
      {page.loading && <p className="loading-page" role="status">Loading posts…</p>}
      {page.error && (
        <div className="card">
          <ErrorNote error={page.error} />
          <button type="button" onClick={() => void list.loadMore()}>Try again</button>
        </div>
      )}
      {page.exhausted && page.items.length === 0 && empty}
      {page.exhausted && page.items.length > 0 && <p className={`hint ${styles.end}`}>That’s all.</p>}
      <div ref={sentinel} />
    </div>
  );
}
