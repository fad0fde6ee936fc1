import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { LiveEvent, onLive } from './live';

/** Loads data, reloads it on demand and when a live event matches `refreshOn`. */
export function useData<T>(load: () => Promise<T>, deps: unknown[], refreshOn?: (event: LiveEvent) => boolean) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<string | undefined>();
  // Only the latest request's answer is shown: a slower, older one (say, a live refresh started
  // before the filters changed) must not overwrite it.
  const latest = useRef(0);
  const reload = useCallback(() => {
    const request = ++latest.current;
    return load().then(
      (d) => request === latest.current && (setData(d), setError(undefined)),
      (e: Error) => request === latest.current && setError(e.message),
    );
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => (refreshOn ? onLive((event) => refreshOn(event) && void reload()) : undefined), [reload]);
  return { data, error, reload };
}

/** Re-renders every `ms` so ages ("waiting 3 min") stay current. */
export function useTick(ms = 15_000): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
}

/** A short-lived status line read out by screen readers. */
export function useStatus(): [string | undefined, (text: string) => void] {
  const [status, setStatus] = useState<string | undefined>();
  return [status, setStatus];
}
