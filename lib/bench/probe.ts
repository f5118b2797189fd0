/**
 * Timing probes for `npm run bench` (tests/tools/bench.ts). They exist only in a `wxt build --mode
 * bench` build: `BENCH` is the compile-time constant `import.meta.env.MODE === 'bench'`, so in
 * every other build the bundler folds each `if (BENCH)` branch away and nothing here runs or
 * ships (no marks, no wrappers, no page-visible switch).
 *
 * Entries are ordinary User Timing entries (`performance.mark` / `performance.measure`) named
 * `caseside:*`: the benchmark reads them from the context that wrote them (service worker,
 * panel frame, and — for the content script — the page, whose performance timeline the
 * isolated world shares).
 */
export const BENCH: boolean = import.meta.env.MODE === 'bench';

/** `fn` wrapped so that each call becomes a `caseside:<name>` measure. Only call under `if (BENCH)`. */
export function timed<A extends unknown[]>(name: string, fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    const start = performance.now();
    try {
      fn(...args);
    } finally {
      performance.measure(`caseside:${name}`, { start, end: performance.now() });
    }
  };
}
