import { Link } from 'react-router';
import type { FallbackProps } from 'react-error-boundary';

/**
 * What a page shows instead of itself when it breaks (a bug, not a refused request): the navbar and the chat stay
 * usable, and the member can try again or go home. The error itself goes to the console for the bug report.
 */
export function PageCrash({ resetErrorBoundary }: FallbackProps) {
  return (
    <section className="card not-found" role="alert">
      <img src="/web/avatar/lost-bunny" alt="" width={128} height={128} />
      <h1>This page tripped over a carrot</h1>
      <p className="muted">Something went wrong while showing it. Trying again usually helps.</p>
      <div className="row">
        <button type="button" onClick={resetErrorBoundary}>Try again</button>
        <Link to="/">Back to your feed</Link>
      </div>
    </section>
  );
}
