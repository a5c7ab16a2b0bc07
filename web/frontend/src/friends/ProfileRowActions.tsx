import type { ReactNode } from 'react';
import { useAction } from '../ui/useAction';
import { ErrorNote } from '../ui/ErrorNote';
import { friendship } from './friendship';
import { UnfriendButton } from './UnfriendButton';
import type { ListedProfile, Outcome, ProfileList } from './ProfileList';
import styles from './Friends.module.css';

interface RowProps {
  me: string;
  profile: ListedProfile;
  list: ProfileList;
}

/** A row's friendship action: busy while it runs, its error shown on the row. */
function useRowAction(list: ProfileList, profile: ListedProfile) {
  return useAction((action: () => Promise<unknown>, outcome: Outcome) => list.act(profile.id, action, outcome));
}

function Actions({ busy, error, children }: { busy: boolean; error: string | null; children: ReactNode }) {
  return (
    <>
      <div className={styles.actions} aria-busy={busy}>{children}</div>
      <div className={styles.note}><ErrorNote error={error} /></div>
    </>
  );
}

export function IncomingRequestActions({ me, profile, list }: RowProps) {
  const { run, busy, error } = useRowAction(list, profile);
  return (
    <Actions busy={busy} error={error}>
      <button type="button" disabled={busy} onClick={() => run(() => friendship.accept(me, profile.id), 'leave')}>
        Accept
      </button>
      <button type="button" className="secondary" disabled={busy}
        onClick={() => run(() => friendship.reject(me, profile.id), 'leave')}>
        Reject
      </button>
    </Actions>
  );
}

export function OutgoingRequestActions({ me, profile, list }: RowProps) {
  const { run, busy, error } = useRowAction(list, profile);
  return (
    <Actions busy={busy} error={error}>
      <button type="button" className="secondary" disabled={busy}
        onClick={() => run(() => friendship.cancelRequest(me, profile.id), 'leave')}>
        Cancel request
      </button>
    </Actions>
  );
}

/** A suggestion stays listed once asked, so the request can be taken back from the same row. */
export function SuggestionActions({ me, profile, list }: RowProps) {
  const { run, busy, error } = useRowAction(list, profile);
  return (
    <Actions busy={busy} error={error}>
      {profile.requestSent ? (
        <>
          <span className="muted">Request sent</span>
          <button type="button" className="secondary" disabled={busy}
            onClick={() => run(() => friendship.cancelRequest(me, profile.id), { requestSent: false })}>
            Cancel request
          </button>
        </>
      ) : (
        <button type="button" disabled={busy}
          onClick={() => run(() => friendship.sendRequest(me, profile.id), { requestSent: true })}>
          Add friend
        </button>
      )}
    </Actions>
  );
}

export function FriendActions({ me, profile, list }: RowProps) {
  const { run, busy, error } = useRowAction(list, profile);
  return (
    <Actions busy={busy} error={error}>
      <UnfriendButton busy={busy} onUnfriend={() => void run(() => friendship.unfriend(me, profile.id), 'leave')} />
    </Actions>
  );
}
