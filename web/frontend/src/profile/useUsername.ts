import { useEffect, useState } from 'react';
import { ApiError, describe } from '../api/ApiError';
import { profileNames } from './ProfileNames';

interface Known {
  /** Null until known. */
  username: string | null;
  /** There is no such member (404). */
  missing: boolean;
  error: string | null;
}

/** The username of the member `id`, for titles and links, from the one cache of profiles. */
export function useUsername(id: string): Known {
  const [known, setKnown] = useState<Known>({ username: null, missing: false, error: null });
  useEffect(() => {
    let current = true;
    setKnown({ username: null, missing: false, error: null });
    profileNames.find(id).then(
      (profile) => current && setKnown({ username: profile.username, missing: false, error: null }),
      (e) => current && setKnown({ username: null, missing: e instanceof ApiError && e.status === 404, error: describe(e) }),
    );
    return () => {
      current = false;
    };
  }, [id]);
  return known;
}
