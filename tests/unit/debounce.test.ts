/**
 * The content script's scan debounce (lib/content/debounce.ts): one run after a pause, none after
 * the context is gone, and — with a maximum wait — runs during a burst that never pauses (a
 * playing video's clock in the observed column would otherwise keep the page unread).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from '../../lib/content/debounce';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

describe('debounce', () => {
  it('runs once, after the calls pause for the delay', () => {
    const fn = vi.fn();
    const call = debounce(fn, 200, new AbortController().signal, 1_000);
    for (let i = 0; i < 3; i++) {
      call();
      vi.advanceTimersByTime(100);
    }
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs at least every maxWait while calls never pause', () => {
    const fn = vi.fn();
    const call = debounce(fn, 200, new AbortController().signal, 1_000);
    for (let t = 0; t < 3_000; t += 100) {
      call();
      vi.advanceTimersByTime(100);
    }
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('never runs after its context is aborted', () => {
    const fn = vi.fn();
    const abort = new AbortController();
    const call = debounce(fn, 200, abort.signal, 1_000);
    call();
    abort.abort();
    call();
    vi.advanceTimersByTime(5_000);
    expect(fn).not.toHaveBeenCalled();
  });
});
