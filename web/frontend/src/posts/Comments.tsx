import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Post } from '../api/types';
import { useObservable } from '../lib/useObservable';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { CommentItem } from './CommentItem';
import { CommentList } from './CommentList';
import { MAX_COMMENT_LENGTH, postsApi } from './postsApi';
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
      <CommentForm onComment={async (content) => {
        await comments.add(content);
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

function CommentForm({ onComment }: { onComment: (content: string) => Promise<void> }) {
  const [content, setContent] = useState('');
  const comment = useAction(async () => {
    await onComment(content.trim());
    setContent('');
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void comment.run();
  };
  return (
    <form className={styles.form} onSubmit={submit}>
      <textarea
        aria-label="Write a comment"
        placeholder="Write a comment…"
        rows={1}
        maxLength={MAX_COMMENT_LENGTH}
        value={content}
        onChange={(e) => setContent(e.target.value)}
      />
      <button type="submit" className="secondary" disabled={comment.busy || content.trim() === ''}>
        Comment
      </button>
      <ErrorNote error={comment.error} />
    </form>
  );
}
