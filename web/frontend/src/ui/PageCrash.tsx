import { Link } from 'react-router';
import type { FallbackProps } from 'react-error-boundary';

/**
 * What shows instead of what broke (a bug, not a refused request): a page, with the navbar and the chat still usable
 * around it, or the whole app if the shell itself broke. The member can try again or go home; the error itself goes
 * to the console for the bug report.
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
