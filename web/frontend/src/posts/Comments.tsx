import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useObservable } from '../lib/useObservable';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { Avatar } from '../ui/Avatar';
import { Time } from '../ui/Time';
import { CommentList } from './CommentList';
import { ReportButton } from '../reports/ReportButton';
import { session } from '../session/session';
import { postsApi } from './postsApi';
import styles from './Comments.module.css';

const MAX_LENGTH = 1024;

/** A post's comments: a form, the newest ones, and older ones on demand. */
export function Comments({ postId, commentsCount, pageSize, onCommented }: {
  postId: string;
  commentsCount: number;
  pageSize: number;
  onCommented: () => void;
}) {
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
            <li key={comment.id} data-testid="comment" className={styles.comment}>
              <Avatar username={comment.username} size={28} />
              <div className={styles.bubble}>
                <div className={styles.meta}>
                  <Link to={`/profiles/${comment.profileId}`}>{comment.username}</Link>
                  <span className="hint"><Time at={comment.createdAt} /></span>
                  {comment.profileId !== session.me?.id && <ReportButton subjectType="COMMENT" subjectId={comment.id} />}
                </div>
                <p className={styles.text}>{comment.content}</p>
              </div>
            </li>
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
        maxLength={MAX_LENGTH}
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
