/**
 * Trailing debounce that a ContentScriptContext (or AbortSignal) cancels. With `maxWait`, a burst
 * of calls that never pauses for `ms` (a playing video's clock, a live counter in the observed
 * column) still runs `fn` at least every `maxWait`, so the page is not left unread while it moves.
 */
export function debounce(fn: () => void, ms: number, signal: AbortSignal, maxWait = Infinity): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let burstStart: number | undefined;
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  const run = () => {
    timer = undefined;
    burstStart = undefined;
    fn();
  };
  return () => {
    if (signal.aborted) return;
    const now = Date.now();
    burstStart ??= now;
    clearTimeout(timer);
    timer = setTimeout(run, Math.max(0, Math.min(ms, burstStart + maxWait - now)));
  };
}
