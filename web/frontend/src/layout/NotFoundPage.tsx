import { NotFoundCard } from '../ui/NotFoundCard';

export function NotFoundPage() {
  return (
    <NotFoundCard title="This burrow is empty"
      text="The page you were looking for does not exist, or you are not allowed to see it." />
  );
}
