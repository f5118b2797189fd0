import { useEffect, useState } from 'react';

/** setTimeout's longest delay (about 24.8 days); a later wake-up is left to the interval. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * The current time, moved on every `everyMs`: what is overdue changes without any write. With
 * `dueTimes` (when things on screen fall due), also moved on as soon as the next of them comes,
 * so a follow-up turns overdue when it falls due, not up to `everyMs` later.
 */
export function useNow(everyMs: number, dueTimes: readonly number[] = []): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  const wakeAt = dueTimes.reduce((next, at) => (at > now && at < next ? at : next), Infinity);
  useEffect(() => {
    const delay = wakeAt - Date.now();
    if (!(delay <= MAX_DELAY)) return;
    // Woken a little early (timer granularity): `now` changes, this runs again and waits the rest.
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, delay));
    return () => clearTimeout(timer);
  }, [wakeAt, now]);
  return now;
}
