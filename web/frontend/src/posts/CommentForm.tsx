import { useState, type FormEvent } from 'react';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { useDraftKeys } from '../ui/useDraftKeys';
import { MAX_COMMENT_LENGTH } from './postsApi';
import styles from './Comments.module.css';

/** The text is kept if commenting fails, and sent again unchanged under its idempotency key (as a post's is). */
export function CommentForm({ onComment }: { onComment: (content: string, idempotencyKey: string) => Promise<void> }) {
  const [content, setContent] = useState('');
  const keys = useDraftKeys();
  const comment = useAction(async () => {
    const text = content.trim();
    await onComment(text, keys.keyFor(text));
    keys.stored();
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
