import { useMemo, useRef } from 'react';
import { newIdempotencyKey } from '../api/idempotencyKey';

/**
 * Idempotency keys for what a form sends. A draft sent again unchanged (its answer was lost: a timeout, a 503, a
 * dropped connection) goes under the key it was last sent under, so the server does not store it twice; another
 * draft, or the next one once the last was stored, goes under a key of its own. `draft` is the form's whole content,
 * as one string.
 */
export function useDraftKeys(): { keyFor: (draft: string) => string; stored: () => void } {
  const last = useRef<{ draft: string; key: string } | null>(null);
  return useMemo(() => ({
    keyFor: (draft: string) => {
      if (last.current?.draft !== draft) last.current = { draft, key: newIdempotencyKey() };
      return last.current.key;
    },
    stored: () => {
      last.current = null;
    },
  }), []);
}
