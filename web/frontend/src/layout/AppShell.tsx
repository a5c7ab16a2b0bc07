import { Outlet } from 'react-router';
import { Navbar } from './Navbar';
import { ConnectionNotice } from './ConnectionNotice';
import { ChatDock, RefusedFrameNote } from '../chat/ChatDock';
import { CrashBoundary } from '../ui/CrashBoundary';

/**
 * Every member page: the navbar and the notices on top, the page, and the chat dock (friends and open chat boxes). A
 * page that breaks takes only itself down, until the member moves on to another one.
 */
export function AppShell() {
  return (
    <div className="shell">
      {/* one sticky bar on a desktop, so the notices sit below the navbar whatever its height (styles.css) */}
      <div className="topbar">
        <Navbar />
        <ConnectionNotice />
        <RefusedFrameNote />
      </div>
      <main className="page">
        <CrashBoundary>
          <Outlet />
        </CrashBoundary>
      </main>
      <ChatDock />
    </div>
  );
}
