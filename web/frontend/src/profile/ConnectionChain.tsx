import { Link } from 'react-router';
import { useObservable } from '../lib/useObservable';
import { ordinal, type ConnectionStore } from './ConnectionStore';
import styles from './ProfilePage.module.css';

/**
 * How the member is connected to the profile shown: "2nd" and "You → Carol → Dave", each name a link to that
 * member's profile. Quiet when there is no chain within four friendships; a failure to tell says so in a hint.
 */
export function ConnectionChain({ store }: { store: ConnectionStore }) {
  const state = useObservable(store.state$, store.value);
  if (state.status === 'loading') return null;
  if (state.status === 'distant') return <p className={`hint ${styles.connection}`}>Not connected within 4 steps</p>;
  if (state.status === 'error') {
    return <p className={`hint ${styles.connection}`}>Cannot tell how you are connected just now.</p>;
  }
  const { degree, path } = state.connection;
  return (
    <div className={styles.connection} data-testid="connection">
      <span className={styles.degree} title={`${degree} ${degree === 1 ? 'friendship' : 'friendships'} away`}>
        {ordinal(degree)}
      </span>
      <ol className={styles.chain} aria-label="How you are connected">
        {path.map((member, i) => (
          <li key={member.id}>{i === 0 ? 'You' : <Link to={`/profiles/${member.id}`}>{member.username}</Link>}</li>
        ))}
      </ol>
    </div>
  );
}
