import { useEffect, useMemo } from 'react';
import { useObservable } from '../lib/useObservable';
import { adminApi } from './adminApi';
import { ProjectionStatusPoller } from './ProjectionStatusPoller';

/** Every group's status (or one group's, by name), polled for as long as the component is shown. */
export function useProjectionStatuses(name?: string) {
  const poller = useMemo(
    () => new ProjectionStatusPoller(name === undefined ? adminApi.projections : async () => [await adminApi.projection(name)]),
    [name],
  );
  useEffect(() => {
    const polling = poller.polling$.subscribe();
    return () => polling.unsubscribe();
  }, [poller]);
  const state = useObservable(poller.state$, poller.value);
  return { ...state, poke: () => poller.poke() };
}
