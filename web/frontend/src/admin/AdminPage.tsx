import { NavLink, Navigate, Route, Routes } from 'react-router';
import { WidePage } from '../ui/WidePage';
import { NotFoundPage } from '../layout/NotFoundPage';
import { SubNav } from '../ui/SubNav';
import { ProjectionsPage } from './ProjectionsPage';
import { ProjectionDetail } from './ProjectionDetail';
import { MembersPage } from './MembersPage';

/** The admin's pages: operating the projections, and granting members roles. */
export function AdminPage() {
  return (
    <WidePage>
      <SubNav label="Admin">
        <NavLink to="/admin/projections">Projections</NavLink>
        <NavLink to="/admin/members">Members</NavLink>
      </SubNav>
      <Routes>
        <Route index element={<Navigate to="projections" replace />} />
        <Route path="projections" element={<ProjectionsPage />} />
        <Route path="projections/:name" element={<ProjectionDetail />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </WidePage>
  );
}
