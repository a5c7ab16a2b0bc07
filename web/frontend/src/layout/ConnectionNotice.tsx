import { useMemo } from 'react';
import { realtime } from '../realtime/realtime';
import { connectionLost } from '../realtime/connectionLost';
import { useObservable } from '../lib/useObservable';

/** Tells the member when live updates (chat, notifications, who is online) stop, instead of letting them go stale. */
export function ConnectionNotice() {
  const lost$ = useMemo(() => connectionLost(realtime.state$), []);
  const lost = useObservable(lost$, false);
  if (!lost) return null;
  return (
    <p className="connection-notice" role="status">
      Reconnecting… chat, notifications and who is online are paused until the connection is back.
    </p>
  );
}
