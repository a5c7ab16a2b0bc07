import { useEffect, type ReactNode } from 'react';
import { useObservable } from '../lib/useObservable';
import { PagedListFooter } from '../ui/PagedListFooter';
import type { PostList } from './PostList';
import { PostCard } from './PostCard';

/** A feed or a wall: its posts, the next page as the member scrolls near the end, and what to show when empty. */
export function PostListView({ list, empty }: { list: PostList; empty: ReactNode }) {
  const page = useObservable(list.state$, list.value);
  useEffect(() => void list.loadMore(), [list]);

  return (
    <div>
      {page.items.map((post) => (
        <PostCard key={post.id} post={post} actions={list} />
      ))}
      <PagedListFooter page={page} loadMore={() => void list.loadMore()} emptyCard={empty} infinite />
    </div>
  );
}
