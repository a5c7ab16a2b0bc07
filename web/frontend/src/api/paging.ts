import type { Query } from './http';

/**
 * The keyset of the next page of a list newest first (posts, comments, feed, notifications, chat messages): strictly
 * older than the last item seen, its id breaking ties, so items stored in the same millisecond are neither skipped
 * nor listed twice. The first page (no last item) asks for neither.
 */
export const olderThan = (last: { createdAt: string; id: string } | null): Query =>
  last ? { older_than: last.createdAt, older_than_id: last.id } : {};
