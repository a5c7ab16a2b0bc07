import type { ReactNode } from 'react';
import type { Profile } from '../api/types';
import type { SearchResult } from './ProfileSearch';

interface Props {
  result: SearchResult;
  /** The text as typed: "No bunny called that" waits for the answer to this very text. */
  text: string;
  /** Asks again after a failed search (ProfileSearch.retry). */
  onRetry: () => void;
  /** The profiles found, in the caller's own list: links in the navbar, buttons choosing a member for the admin. */
  children: (profiles: Profile[]) => ReactNode;
}

/** What a member search has to say about the text typed: searching, failed (with "Try again"), nobody, or who. */
export function SearchResults({ result, text, onRetry, children }: Props) {
  const query = text.trim();
  const nobody = !result.searching && !result.error && query !== '' && result.query === query && result.profiles.length === 0;
  return (
    <>
      {result.searching && <p className="muted">Searching…</p>}
      {result.error && (
        <p className="row">
          <span className="error-note" role="alert">{result.error}</span>
          <button type="button" className="link" onClick={onRetry}>Try again</button>
        </p>
      )}
      {nobody && <p className="muted">No bunny called that</p>}
      {children(result.profiles)}
    </>
  );
}
