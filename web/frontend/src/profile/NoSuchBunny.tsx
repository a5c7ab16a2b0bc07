import { NotFoundCard } from '../ui/NotFoundCard';

/** A profile page, or a friends page, of a member who does not exist (404). */
export function NoSuchBunny() {
  return <NotFoundCard title="No such bunny" text="This profile does not exist, or it has hopped away." />;
}
