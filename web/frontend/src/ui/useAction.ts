import { useCallback, useState } from 'react';
import { describe } from '../api/ApiError';

/**
 * Runs a member's action (a click, a submit) and keeps what the UI shows about it: busy while it runs, and the
 * error in words if it failed, so no failure is only logged. Returns the action's result, or undefined if it failed.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await action(...args);
      } catch (e) {
        setError(describe(e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error, setError };
}
