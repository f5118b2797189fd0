/** Trailing debounce that a ContentScriptContext (or AbortSignal) cancels. */
export function debounce(fn: () => void, ms: number, signal: AbortSignal): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return () => {
    if (signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
