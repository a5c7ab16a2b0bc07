import { Outlet } from 'react-router';
import { Navbar } from './Navbar';
import { ChatDock } from '../chat/ChatDock';

/** Every member page: the navbar on top, the page, and the chat dock (friends and open chat boxes). */
export function AppShell() {
  return (
    <div className="shell">
      <Navbar />
      <main className="page">
        <Outlet />
      </main>
      <ChatDock />
    </div>
  );
}
