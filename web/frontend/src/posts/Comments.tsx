import { useEffect, useMemo } from 'react';
import type { Post } from '../api/types';
import { useObservable } from '../lib/useObservable';
import { ErrorNote } from '../ui/ErrorNote';
import { CommentForm } from './CommentForm';
import { CommentItem } from './CommentItem';
import { CommentList } from './CommentList';
import { postsApi } from './postsApi';
import { session } from '../session/session';
import styles from './Comments.module.css';

/** A post's comments: a form, the newest ones, and older ones on demand. */
export function Comments({ post, commentsCount, pageSize, onCommented, onDeleted }: {
  post: Pick<Post, 'id' | 'profileId' | 'wallProfileId'>;
  commentsCount: number;
  pageSize: number;
  onCommented: () => void;
  onDeleted: () => void;
}) {
  const postId = post.id;
  const comments = useMemo(() => new CommentList(postsApi, postId, pageSize), [postId, pageSize]);
  const page = useObservable(comments.state$, comments.value);
  // only the count when the post is first shown matters: later comments are the member's own, already listed
  useEffect(() => void comments.start(commentsCount), [comments]);

  return (
    <section className={styles.comments} aria-label="Comments">
      <CommentForm onComment={async (content, idempotencyKey) => {
        await comments.add(content, idempotencyKey);
        onCommented();
      }} />
      {page.items.length > 0 && (
        <ul className={styles.list}>
          {page.items.map((comment) => (
            <CommentItem
              key={comment.id}
              comment={comment}
              post={post}
              me={session.me?.id}
              onEdit={(content) => comments.edit(comment, content)}
              onDelete={async () => {
                await comments.delete(comment);
                onDeleted();
              }}
            />
          ))}
        </ul>
      )}
      {page.loading && <p className="hint" role="status">Loading comments…</p>}
      <ErrorNote error={page.error} />
      {!page.loading && !page.exhausted && (page.error || page.items.length < commentsCount) && (
        <button type="button" className="link" onClick={() => void comments.loadMore()}>
          Load more comments
        </button>
      )}
    </section>
  );
}
