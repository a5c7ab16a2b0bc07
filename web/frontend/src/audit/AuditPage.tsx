import { NavLink, Route, Routes } from 'react-router';
import { WidePage } from '../ui/WidePage';
import { NotFoundPage } from '../layout/NotFoundPage';
import { SubNav } from '../ui/SubNav';
import { EventBrowser } from './EventBrowser';
import { AggregateTimeline } from './AggregateTimeline';
import { VerifyPage } from './VerifyPage';

/** The auditor's pages: the event browser (and each aggregate's timeline) and the ledger's verification. */
export function AuditPage() {
  return (
    <WidePage>
      <SubNav label="Audit">
        <NavLink to="/audit" end>Events</NavLink>
        <NavLink to="/audit/verify">Verify</NavLink>
      </SubNav>
      <Routes>
        <Route index element={<EventBrowser />} />
        <Route path="aggregates/:id" element={<AggregateTimeline />} />
        <Route path="verify" element={<VerifyPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </WidePage>
  );
}
