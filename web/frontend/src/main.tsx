import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { distinctUntilChanged, filter, map, pairwise } from 'rxjs';
import { App } from './App';
import { session } from './session/session';
import { realtime } from './realtime/realtime';
import { badges } from './badges/badges';
import { CrashBoundary } from './ui/CrashBoundary';
import './styles.css';

// The socket lives as long as a member is logged in; the badges follow it.
let listening: { unsubscribe(): void } | null = null;
session.store.state$
  .pipe(map((s) => (s.status === 'member' ? s.me.id : null)), distinctUntilChanged())
  .subscribe((memberId) => {
    listening?.unsubscribe();
    void realtime.disconnect();
    badges.reset();
    if (memberId) {
      listening = badges.listen(realtime);
      realtime.connect();
    }
  });
badges.title$.subscribe((title) => (document.title = title));
// the server closes the sockets of a session that ended elsewhere: a lost connection asks whether it still stands
realtime.state$
  .pipe(pairwise(), filter(([before, now]) => before === 'online' && now !== 'online'))
  .subscribe(() => void session.verify());

void session.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <CrashBoundary>
        <App />
      </CrashBoundary>
    </BrowserRouter>
  </StrictMode>,
);
