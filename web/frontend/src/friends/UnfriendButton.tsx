import { useState } from 'react';

/**
 * "Unfriend", asking once more before `onUnfriend` runs: the member alone cannot undo it. The caller runs the action
 * and shows its error; `busy` while it runs.
 */
export function UnfriendButton({ busy, onUnfriend }: { busy: boolean; onUnfriend: () => void }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(true)}>
        Unfriend
      </button>
    );
  }
  return (
    <div className="notice row" role="group" aria-label="Confirm unfriending">
      <span>Stop being friends?</span>
      <button type="button" className="danger"
        onClick={() => {
          setConfirming(false);
          onUnfriend();
        }}>
        Yes, unfriend
      </button>
      <button type="button" className="secondary" onClick={() => setConfirming(false)}>
        Stay friends
      </button>
    </div>
  );
}
