import type { ReactNode } from 'react';
import type { Page } from '../lib/PagedList';
import { ErrorNote } from './ErrorNote';
import styles from './PagedListFooter.module.css';

/**
 * What goes under a PagedList's items: the empty state, "Loading…", the error of the last page, and "Load more"
 * while the server may have more ("Try again" when the first page failed).
 */
export function PagedListFooter({ page, loadMore, empty }: { page: Page<unknown>; loadMore: () => void; empty: ReactNode }) {
  const { items, loading, exhausted, error } = page;
  return (
    <>
      {items.length === 0 && exhausted && !error && <p className={`muted ${styles.empty}`}>{empty}</p>}
      {loading && <p className="muted">Loading…</p>}
      <ErrorNote error={error} />
      {!exhausted && !loading && (items.length > 0 || error) && (
        <button type="button" className="secondary" onClick={loadMore}>
          {items.length > 0 ? 'Load more' : 'Try again'}
        </button>
      )}
    </>
  );
}
