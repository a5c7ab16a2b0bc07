import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Fragment, type ReactNode } from 'react';
import { useObservable } from './lib/useObservable';
import { session } from './session/session';
import type { Role } from './api/types';
import { AppShell } from './layout/AppShell';
import { pageOfOurs } from './account/pageOfOurs';
import { LoginPage } from './account/LoginPage';
import { RegisterPage } from './account/RegisterPage';
import { NotFoundPage } from './layout/NotFoundPage';
import { FeedPage } from './feed/FeedPage';
import { ProfilePage } from './profile/ProfilePage';
import { PostPage } from './posts/PostPage';
import { FriendsPage } from './friends/FriendsPage';
import { NotificationsPage } from './notifications/NotificationsPage';
import { ConversationsPage } from './chat/ConversationsPage';
import { AuditPage } from './audit/AuditPage';
import { AdminPage } from './admin/AdminPage';
import { ModerationPage } from './reports/ModerationPage';
import { SettingsPage } from './settings/SettingsPage';

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<GuestOnly><LoginPage /></GuestOnly>} />
      <Route path="/register" element={<GuestOnly><RegisterPage /></GuestOnly>} />
      <Route element={<MemberOnly><AppShell /></MemberOnly>}>
        <Route index element={<FeedPage />} />
        <Route path="profiles/:id" element={<ProfilePage />} />
        <Route path="profiles/:id/friends/*" element={<FriendsPage />} />
        <Route path="friends/*" element={<FriendsPage />} />
        <Route path="posts/:id" element={<PostPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="conversations" element={<ConversationsPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="audit/*" element={<RoleOnly roles={['AUDITOR', 'ADMIN']}><AuditPage /></RoleOnly>} />
        <Route path="moderation" element={<RoleOnly roles={['MODERATOR', 'ADMIN']}><ModerationPage /></RoleOnly>} />
        <Route path="admin/*" element={<RoleOnly roles={['ADMIN']}><AdminPage /></RoleOnly>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function MemberOnly({ children }: { children: ReactNode }) {
  const state = useObservable(session.store.state$, session.store.value);
  const location = useLocation();
  if (state.status === 'loading') return <Loading problem={state.problem} />;
  if (state.status === 'anonymous') {
    // after a logout of one's own, a new login starts afresh; otherwise it leads back to the page asked for
    const next = state.loggedOut ? '/' : location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace state={{ notice: state.ended }} />;
  }
  // another member logging in (in another tab) remounts the pages, and so the stores they made; the module-level
  // ones (chat, badges) reset themselves on the session (main.tsx, chat/chat.ts)
  return <Fragment key={state.me.id}>{children}</Fragment>;
}

function GuestOnly({ children }: { children: ReactNode }) {
  const state = useObservable(session.store.state$, session.store.value);
  const next = new URLSearchParams(useLocation().search).get('next');
  if (state.status === 'loading') return <Loading problem={state.problem} />;
  if (state.status === 'member') return <Navigate to={pageOfOurs(next)} replace />;
  return children;
}

function Loading({ problem }: { problem?: string }) {
  return <p className="loading-page" role="status">{problem ?? 'Loading…'}</p>;
}

function RoleOnly({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const state = useObservable(session.store.state$, session.store.value);
  if (state.status === 'member' && roles.includes(state.me.role)) return children;
  return <NotFoundPage />;
}
