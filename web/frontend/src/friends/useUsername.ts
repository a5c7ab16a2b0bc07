import { useEffect, useState } from 'react';
import { http } from '../api/http';
import { describe } from '../api/ApiError';
import type { Profile } from '../api/types';

/** The username of the member `id`, for page titles; null until known. */
export function useUsername(id: string) {
  const [username, setUsername] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setUsername(null);
    setError(null);
    http.get<Profile>(`/profiles/${id}`).then(
      (profile) => current && setUsername(profile.username),
      (e) => current && setError(describe(e)),
    );
    return () => {
      current = false;
    };
  }, [id]);
  return { username, error };
}
