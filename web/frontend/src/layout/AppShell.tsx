import { Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from 'react-error-boundary';
import { Navbar } from './Navbar';
import { ConnectionNotice } from './ConnectionNotice';
import { ChatDock } from '../chat/ChatDock';
import { PageCrash } from '../ui/PageCrash';

/**
 * Every member page: the navbar on top, the page, and the chat dock (friends and open chat boxes). A page that breaks
 * takes only itself down, until the member moves on to another one.
 */
export function AppShell() {
  const { pathname } = useLocation();
  return (
    <div className="shell">
      <Navbar />
      <ConnectionNotice />
      <main className="page">
        <ErrorBoundary FallbackComponent={PageCrash} resetKeys={[pathname]}>
          <Outlet />
        </ErrorBoundary>
      </main>
      <ChatDock />
    </div>
  );
}
