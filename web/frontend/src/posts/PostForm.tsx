import { useState, type FormEvent } from 'react';
import type { Privacy } from '../api/types';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { useDraftKeys } from '../ui/useDraftKeys';
import { MAX_POST_LENGTH as MAX_LENGTH } from './postsApi';
import styles from './PostForm.module.css';

/**
 * Writes a post; `onPost` puts it on the right wall and in the list below. The text is kept if posting fails, and so
 * is the idempotency key it was sent under: posted again as it was, a post whose answer was lost (a timeout, a 503) is
 * not stored twice. Another draft, or the next post, is sent under a key of its own.
 */
export function PostForm({ onPost, placeholder = 'What’s new, bunny?' }: {
  onPost: (content: string, privacy: Privacy, idempotencyKey: string) => Promise<void>;
  placeholder?: string;
}) {
  const [content, setContent] = useState('');
  const [privacy, setPrivacy] = useState<Privacy>('PUBLIC');
  const keys = useDraftKeys();
  const post = useAction(async () => {
    await onPost(content, privacy, keys.keyFor(JSON.stringify([content, privacy])));
    keys.stored();
    setContent('');
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void post.run();
  };

  return (
    <form className={`card ${styles.form}`} onSubmit={submit}>
      <textarea
        aria-label="Write a post"
        placeholder={placeholder}
        rows={3}
        maxLength={MAX_LENGTH}
        value={content}
        onChange={(e) => setContent(e.target.value)}
      />
      <div className={styles.controls}>
        <select aria-label="Who can see it" value={privacy} onChange={(e) => setPrivacy(e.target.value as Privacy)}>
          <option value="PUBLIC">Everyone</option>
          <option value="FRIENDS">Friends only</option>
        </select>
        <span className="hint">{content.length}/{MAX_LENGTH}</span>
        <button type="submit" disabled={post.busy || content.trim() === ''}>
          {post.busy ? 'Posting…' : 'Post'}
        </button>
      </div>
      <ErrorNote error={post.error} />
    </form>
  );
}
