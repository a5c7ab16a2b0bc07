import type { ReactNode } from 'react';
import { useLocation } from 'react-router';
import { ErrorBoundary } from 'react-error-boundary';
import { PageCrash } from './PageCrash';

/**
 * The last resort, for what breaks outside a page (the shell, the login page): like AppShell's own boundary, it lets
 * go once the member moves to another page, so PageCrash's "Back to your feed" leaves the crash behind.
 */
export function RootErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <ErrorBoundary FallbackComponent={PageCrash} resetKeys={[pathname]}>
      {children}
    </ErrorBoundary>
  );
}
