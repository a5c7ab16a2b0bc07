import { useObservable } from '../lib/useObservable';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { UnfriendButton } from '../friends/UnfriendButton';
import type { FriendshipAction, RelationshipStore } from './RelationshipStore';
import styles from './ProfilePage.module.css';

/** The friendship action that fits how the member stands with this profile; nothing on one's own. */
export function RelationshipButton({ store }: { store: RelationshipStore }) {
  const { relationship, error } = useObservable(store.state$, store.value);
  const action = useAction((name: FriendshipAction) => store.act(name));

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
      {relationship === 'FRIEND' && (
        <>
          <span className="hint">Friends</span>
          <UnfriendButton busy={action.busy} onUnfriend={() => void action.run('unfriend')} />
        </>
      )}
      <ErrorNote error={action.error ?? error} />
    </div>
  );
}
