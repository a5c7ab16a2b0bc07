import { useEffect, useRef } from 'react';

/**
 * Calls `onVisible` whenever the returned element scrolls into view (put it after the last item): infinite scroll
 * without listening to every scroll event. `loaded` (e.g. the number of items) observes afresh after each page, so a
 * page too short to push the element out of view still loads the next one.
 */
export function useInfiniteScroll<E extends HTMLElement>(onVisible: () => void, enabled: boolean, loaded: number) {
  const ref = useRef<E>(null);
  const callback = useRef(onVisible);
  callback.current = onVisible;
  useEffect(() => {
    const element = ref.current;
    if (!element || !enabled) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) callback.current();
    }, { rootMargin: '400px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [enabled, loaded]);
  return ref;
}
