import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useObservable } from '../lib/useObservable';
import { Avatar } from '../ui/Avatar';
import { PagedListFooter } from '../ui/PagedListFooter';
import type { ListedProfile, ProfileList } from './ProfileList';
import styles from './Friends.module.css';

interface Props {
  list: ProfileList;
  label: string;
  /** Shown when the list is known to be empty. */
  empty: ReactNode;
  /** The buttons of one row (and their error), if the reader can act on it. */
  actions?: (profile: ListedProfile) => ReactNode;
}

/** One list of a friends page: a row per member, then "Load more" while the server may have more. */
export function ProfileListView({ list, label, empty, actions }: Props) {
  const page = useObservable(list.state$, list.value);
  useEffect(() => {
    void list.reload();
  }, [list]);

  const { items } = page;
  return (
    <>
      {items.length > 0 && (
        <ul className={styles.list} aria-label={label}>
          {items.map((profile) => (
            <li key={profile.id} data-testid="profile-row" className={styles.row}>
              <Avatar username={profile.username} />
              <Link to={`/profiles/${profile.id}`} className={styles.name}>{profile.username}</Link>
              {actions?.(profile)}
            </li>
          ))}
        </ul>
      )}
      <PagedListFooter page={page} loadMore={() => void list.loadMore()} empty={empty} />
    </>
  );
}
