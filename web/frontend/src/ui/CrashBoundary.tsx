import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { ErrorBoundary } from 'react-error-boundary';
import { PageCrash } from './PageCrash';

/**
 * Shows PageCrash instead of what it wraps when that breaks, and lets go once the member moves to another page, so
 * "Back to your feed" leaves the crash behind. Around each page (AppShell), and around the whole app as a last resort.
 */
export function CrashBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <ErrorBoundary FallbackComponent={PageCrash} resetKeys={[pathname]}>
      {children}
    </ErrorBoundary>
  );
}
