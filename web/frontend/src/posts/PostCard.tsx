import { useState } from 'react';
import { Link } from 'react-router';
import type { Post } from '../api/types';
import { session } from '../session/session';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { Avatar } from '../ui/Avatar';
import { Time } from '../ui/Time';
import { MAX_POST_LENGTH, type PostActions } from './postsApi';
import { WallOwner } from './WallOwner';
import { Comments } from './Comments';
import { ReportButton } from '../reports/ReportButton';
import { EditedMark } from './EditedMark';
import { InlineEditor } from './InlineEditor';
import styles from './PostCard.module.css';

/** One post with its likes and comments; `actions` is whatever list or page holds it. */
export function PostCard({ post, actions, commentsPageSize = 3 }: {
  post: Post;
  actions: PostActions;
  commentsPageSize?: number;
}) {
  const me = session.me?.id;
  const mayDelete = me === post.profileId || me === post.wallProfileId;
  const mayEdit = me === post.profileId;
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const like = useAction(() => (post.likedByMe ? actions.unlike(post) : actions.like(post)));
  const remove = useAction(() => actions.delete(post));

  return (
    <article className={`card ${styles.post}`} data-testid="post">
      <header className={styles.header}>
        <Link to={`/profiles/${post.profileId}`} className={styles.author}>
          <Avatar username={post.username} />
          <span>{post.username}</span>
        </Link>
        {post.wallProfileId !== post.profileId && <WallOwner id={post.wallProfileId} />}
        <span className={`hint ${styles.meta}`}>
          <Link to={`/posts/${post.id}`}><Time at={post.createdAt} /></Link>
          <EditedMark at={post.editedAt} />
          {post.privacy === 'FRIENDS' && <span className={styles.privacy}>Friends only</span>}
        </span>
        <span className={styles.actions}>
          {me !== post.profileId && <ReportButton subjectType="POST" subjectId={post.id} />}
          {mayEdit && !editing && (
            <button type="button" className="link" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {mayDelete && !confirming && (
            <button type="button" className="link" onClick={() => setConfirming(true)}>
              Delete
            </button>
          )}
        </span>
      </header>
      {confirming && (
        <div className={`notice ${styles.confirm}`} role="group" aria-label="Confirm deletion">
          <span>Delete this post, its comments and likes?</span>
          <button type="button" className="danger" disabled={remove.busy} onClick={() => void remove.run()}>
            Delete post
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      )}
      <ErrorNote error={remove.error} />
      {editing ? (
        <InlineEditor
          initial={post.content}
          maxLength={MAX_POST_LENGTH}
          label="Edit your post"
          onSave={(content) => actions.edit(post, content)}
          onClose={() => setEditing(false)}
        />
      ) : (
        <p className={styles.content}>{post.content}</p>
      )}
      <footer className={styles.footer}>
        <button
          type="button"
          className={`secondary ${styles.like}`}
          aria-pressed={post.likedByMe}
          disabled={like.busy}
          onClick={() => void like.run()}
        >
          {/* a toggle: its name stays "Like", aria-pressed says whether the member likes it */}
          <span aria-hidden="true">{post.likedByMe ? '♥' : '♡'}</span> Like
        </button>
        <span className="muted">
          <span data-testid="likes-count">{post.likesCount}</span> {post.likesCount === 1 ? 'like' : 'likes'}
        </span>
        <span className="muted">
          <span data-testid="comments-count">{post.commentsCount}</span>{' '}
          {post.commentsCount === 1 ? 'comment' : 'comments'}
        </span>
      </footer>
      <ErrorNote error={like.error} />
      <Comments
        post={post}
        commentsCount={post.commentsCount}
        pageSize={commentsPageSize}
        onCommented={() => actions.commented(post.id)}
        onDeleted={() => actions.commentDeleted(post.id)}
      />
    </article>
  );
}
