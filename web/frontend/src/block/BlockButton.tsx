import { useState } from 'react';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { ConfirmDialog } from '../admin/ConfirmDialog';

interface Props {
  username: string;
  blocked: boolean;
  onBlock: () => Promise<void>;
  onUnblock: () => Promise<void>;
}

/** "Block" (asked for first: it ends a friendship, which unblocking does not bring back) or "Unblock" on a profile. */
export function BlockButton({ username, blocked, onBlock, onUnblock }: Props) {
  const [asking, setAsking] = useState(false);
  const block = useAction(onBlock);
  const unblock = useAction(onUnblock);
  if (blocked) {
    return (
      <div className="row">
        <span className="hint">You block this bunny</span>
        <button type="button" className="secondary" disabled={unblock.busy} onClick={() => void unblock.run()}>
          Unblock
        </button>
        <ErrorNote error={unblock.error} />
      </div>
    );
  }
  return (
    <div className="row">
      <button type="button" className="link" disabled={block.busy} onClick={() => setAsking(true)}>Block</button>
      {asking && (
        <ConfirmDialog
          title={`Block ${username}?`}
          confirmLabel="Block"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            void block.run();
          }}
        >
          <p>
            Neither of you will see the other’s posts or profile, and neither can befriend, comment on, like or
            message the other. A friendship between you ends, and unblocking later does not bring it back.
            {` ${username}`} is not told.
          </p>
        </ConfirmDialog>
      )}
      <ErrorNote error={block.error} />
    </div>
  );
}
