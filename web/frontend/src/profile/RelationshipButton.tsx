import { useState } from 'react';
import { useObservable } from '../lib/useObservable';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import type { FriendshipAction, RelationshipStore } from './RelationshipStore';
import styles from './ProfilePage.module.css';

/** The friendship action that fits how the member stands with this profile; nothing on one's own. */
export function RelationshipButton({ store }: { store: RelationshipStore }) {
  const { relationship, error } = useObservable(store.state$, store.value);
  const [confirmingUnfriend, setConfirmingUnfriend] = useState(false);
  const action = useAction(async (name: FriendshipAction) => {
    setConfirmingUnfriend(false);
    await store.act(name);
  });

  const button = (label: string, name: FriendshipAction, kind = '') => (
    <button type="button" className={kind} disabled={action.busy} onClick={() => void action.run(name)}>
      {label}
    </button>
  );

  return (
    <div className={styles.relationship}>
      {relationship === 'NONE' && button('Add friend', 'sendRequest')}
      {relationship === 'OUTGOING_FRIEND_REQUEST' && (
        <>
          <span className="hint">Friend request sent</span>
          {button('Cancel request', 'cancelRequest', 'secondary')}
        </>
      )}
      {relationship === 'INCOMING_FRIEND_REQUEST' && (
        <>
          <span className="hint">Wants to be your friend</span>
          {button('Accept', 'accept')}
          {button('Reject', 'reject', 'secondary')}
        </>
      )}
      {relationship === 'FRIEND' && !confirmingUnfriend && (
        <>
          <span className="hint">Friends</span>
          <button type="button" className="secondary" onClick={() => setConfirmingUnfriend(true)}>
            Unfriend
          </button>
        </>
      )}
      {relationship === 'FRIEND' && confirmingUnfriend && (
        <div className="notice row" role="group" aria-label="Confirm unfriending">
          <span>Stop being friends?</span>
          {button('Yes, unfriend', 'unfriend', 'danger')}
          <button type="button" className="secondary" onClick={() => setConfirmingUnfriend(false)}>
            Stay friends
          </button>
        </div>
      )}
      <ErrorNote error={action.error ?? error} />
    </div>
  );
}
