import { Navigate, Route, Routes } from 'react-router';
import { WidePage } from '../ui/WidePage';
import { NotFoundPage } from '../layout/NotFoundPage';
import { ProjectionsPage } from './ProjectionsPage';
import { ProjectionDetail } from './ProjectionDetail';

/** The admin's pages: operating the projections. */
export function AdminPage() {
  return (
    <WidePage>
      <Routes>
        <Route index element={<Navigate to="projections" replace />} />
        <Route path="projections" element={<ProjectionsPage />} />
        <Route path="projections/:name" element={<ProjectionDetail />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </WidePage>
  );
}
