import { useState } from 'react';
import { Link } from 'react-router';
import type { Comment, Post } from '../api/types';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { Avatar } from '../ui/Avatar';
import { Time } from '../ui/Time';
import { EditedMark } from './EditedMark';
import { InlineEditor } from './InlineEditor';
import { MAX_COMMENT_LENGTH } from './postsApi';
import { ReportButton } from '../reports/ReportButton';
import styles from './Comments.module.css';

/**
 * One comment, as member `me` sees it. Its author may edit it; its author, the post's author and the wall's owner
 * may delete it (the server decides; this only offers what it would allow), after confirming.
 */
export function CommentItem({ comment, post, me, onEdit, onDelete }: {
  comment: Comment;
  post: Pick<Post, 'profileId' | 'wallProfileId'>;
  me: string | undefined;
  onEdit: (content: string) => Promise<void>;
  onDelete: () => Promise<void>;
}) {
  const mayEdit = me === comment.profileId;
  const mayDelete = mayEdit || me === post.profileId || me === post.wallProfileId;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useAction(onDelete);

  return (
    <li data-testid="comment" className={styles.comment}>
      <Avatar username={comment.username} size={28} />
      <div className={styles.bubble}>
        <div className={styles.meta}>
          <Link to={`/profiles/${comment.profileId}`}>{comment.username}</Link>
          <span className="hint"><Time at={comment.createdAt} /></span>
          <EditedMark at={comment.editedAt} />
          {!mayEdit && <ReportButton subjectType="COMMENT" subjectId={comment.id} />}
          {mayEdit && !editing && !confirming && (
            <button type="button" className="link" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {mayDelete && !editing && !confirming && (
            <button type="button" className="link" onClick={() => setConfirming(true)}>
              Delete
            </button>
          )}
        </div>
        {editing ? (
          <InlineEditor
            initial={comment.content}
            maxLength={MAX_COMMENT_LENGTH}
            label="Edit your comment"
            onSave={onEdit}
            onClose={() => setEditing(false)}
          />
        ) : (
          <p className={styles.text}>{comment.content}</p>
        )}
        {confirming && (
          <div className={styles.confirm} role="group" aria-label="Confirm deleting the comment">
            <button type="button" className="danger" disabled={remove.busy} onClick={() => void remove.run()}>
              Delete comment
            </button>
            <button type="button" className="secondary" disabled={remove.busy} onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        )}
        <ErrorNote error={remove.error} />
      </div>
    </li>
  );
}
