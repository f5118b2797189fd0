/**
 * A save that runs once at a time: a double click or a second Enter while the first save is
 * still writing is ignored (it would add the note, template, brand or follow-up twice).
 * `busy` is for aria-busy; buttons stay enabled so they keep keyboard focus.
 */
import { useCallback, useRef, useState } from 'react';

export function useOneAtATime(): { busy: boolean; run: (action: () => Promise<unknown>) => Promise<void> } {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await action();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
