import type { ReactNode } from 'react';
import type { Page } from '../lib/PagedList';
import { useInfiniteScroll } from '../lib/useInfiniteScroll';
import { ErrorNote } from './ErrorNote';
import styles from './PagedListFooter.module.css';

/** The empty state: a sentence the footer sets muted and centred, or a card of the caller's own shown as given. */
type EmptyState = { empty: ReactNode; emptyCard?: never } | { emptyCard: ReactNode; empty?: never };

type Props = EmptyState & {
  page: Page<unknown>;
  loadMore: () => void;
  /** The button's words once some items are shown (before, it offers "Try again"). */
  loadMoreLabel?: string;
  /**
   * Loads the next page as the reader scrolls near the end (the feed, walls), and says when there is no more. The
   * button stays, for keyboard users and for when the scroll observer does not fire.
   */
  infinite?: boolean;
};

/**
 * What goes under a PagedList's items: the empty state, "Loading…", the error of the last page, and "Load more"
 * while the server may have more ("Try again" when the first page failed).
 */
export function PagedListFooter({ page, loadMore, loadMoreLabel = 'Load more', infinite = false, empty, emptyCard }: Props) {
  const { items, loading, exhausted, error } = page;
  // an error stops the scrolling from asking again and again: the button retries
  const sentinel = useInfiniteScroll<HTMLDivElement>(loadMore, infinite && !exhausted && !error, items.length);
  const allLoaded = exhausted && !error;
  return (
    <>
      {items.length === 0 && allLoaded && (empty === undefined ? emptyCard : <p className={`muted ${styles.empty}`}>{empty}</p>)}
      {loading && <p className="muted" role="status">Loading…</p>}
      <ErrorNote error={error} />
      {!exhausted && !loading && (items.length > 0 || error) && (
        <button type="button" className="secondary" onClick={loadMore}>
          {items.length > 0 ? loadMoreLabel : 'Try again'}
        </button>
      )}
      {infinite && items.length > 0 && allLoaded && <p className={`hint ${styles.end}`}>That’s all.</p>}
      {infinite && <div ref={sentinel} />}
    </>
  );
}
