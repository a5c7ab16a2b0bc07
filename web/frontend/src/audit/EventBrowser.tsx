import { useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useObservable } from '../lib/useObservable';
import { ErrorNote } from '../ui/ErrorNote';
import { auditApi } from './auditApi';
import { cursorFromQuery, EventQuery, filtersFromQuery, filtersToQuery, type EventFilters } from './EventQuery';
import { EventFiltersForm } from './EventFiltersForm';
import { EventTable } from './EventTable';
import { ExportControl } from './ExportControl';
import styles from './Audit.module.css';

/**
 * Events by filter, a keyset page at a time; the URL holds the filters and the page's cursor, so a page can be shared
 * or reloaded. The export takes the filters alone: it always starts where the filters do, whatever the page shown.
 */
export function EventBrowser() {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => filtersFromQuery(new URLSearchParams(search)), [search]);
  const cursor = useMemo(() => cursorFromQuery(new URLSearchParams(search)), [search]);
  const query = useMemo(() => new EventQuery(auditApi.events), []);
  const page = useObservable(query.state$, query.value);

  useEffect(() => {
    query.load(filters, cursor);
  }, [query, filters, cursor]);

  const show = (shown: EventFilters, pageAfter = '') => setSearchParams(filtersToQuery(shown, pageAfter));
  const next = query.nextCursor();
  const exportQuery = Object.fromEntries(filtersToQuery(filters));
  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title">Events</h1>
      {/* keyed by the filters so going back or following a shared link shows its own; paging keeps a draft */}
      <EventFiltersForm key={filtersToQuery(filters).toString()} filters={filters} fieldErrors={page.fieldErrors} onSearch={show} />
      <div className="card">
        <div className={styles.actions}>
          <span className="muted" aria-live="polite">
            {page.loading ? 'Searching…' : `${page.events.length} event${page.events.length === 1 ? '' : 's'}`}
            {(cursor || filters.after) && ` after position ${cursor || filters.after}`}
          </span>
          <ExportControl query={exportQuery} />
        </div>
        <ErrorNote error={page.error} />
        {page.events.length > 0 && <EventTable events={page.events} />}
        {!page.loading && !page.error && page.events.length === 0 && <p className="muted">No event matches.</p>}
        <div className={styles.pager}>
          {cursor && (
            <button type="button" className="secondary" onClick={() => show(filters)}>First page</button>
          )}
          {next && (
            <button type="button" onClick={() => show(filters, next)} disabled={page.loading}>Next page</button>
          )}
        </div>
      </div>
    </section>
  );
}
