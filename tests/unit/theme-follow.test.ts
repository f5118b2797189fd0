/**
 * Switching X's display theme without a reload: the content script sees the page's background
 * change and tells the panel frame, which applies it (a new ?theme= would reload the panel).
 */
import { afterEach, expect, it, vi } from 'vitest';
import { applyTheme, followThemeMessages, THEME_MESSAGE, watchPlatformTheme } from '../../lib/content/theme';

afterEach(() => {
  vi.useRealTimers();
  document.body.removeAttribute('style');
  delete document.documentElement.dataset.theme;
});

it('hears the platform switching theme, once per new value, after the page settles', async () => {
  vi.useFakeTimers();
  document.body.style.backgroundColor = 'rgb(255, 255, 255)';
  const seen: string[] = [];
  const ac = new AbortController();
  watchPlatformTheme(document, 'light', (t) => seen.push(t), ac.signal);
  document.body.style.backgroundColor = 'rgb(0, 0, 0)';
  await vi.advanceTimersByTimeAsync(50);
  document.body.style.backgroundColor = 'rgb(21, 32, 43)'; // dim: still dark
  await vi.advanceTimersByTimeAsync(1_000);
  expect(seen).toEqual(['dark']);
  document.body.className = 'x'; // no theme change
  await vi.advanceTimersByTimeAsync(1_000);
  expect(seen).toEqual(['dark']);
  document.body.style.backgroundColor = 'rgb(255, 255, 255)';
  await vi.advanceTimersByTimeAsync(1_000);
  expect(seen).toEqual(['dark', 'light']);
  ac.abort();
  document.body.style.backgroundColor = 'rgb(0, 0, 0)';
  await vi.advanceTimersByTimeAsync(1_000);
  expect(seen).toEqual(['dark', 'light']);
});

it('the panel applies the theme its parent page posts, and nothing else', () => {
  applyTheme('light');
  const listeners: ((e: MessageEvent) => void)[] = [];
  const parent = {} as Window;
  const win = { parent, addEventListener: (_: string, l: (e: MessageEvent) => void) => listeners.push(l) } as unknown as Window;
  followThemeMessages(win);
  const post = (data: unknown, source: unknown = parent) => listeners.forEach((l) => l({ data, source } as MessageEvent));
  post({ type: THEME_MESSAGE, theme: 'dark' }, {});
  post({ type: 'other', theme: 'dark' });
  post({ type: THEME_MESSAGE, theme: 'sepia' });
  post(null);
  expect(document.documentElement.dataset.theme).toBe('light');
  post({ type: THEME_MESSAGE, theme: 'dark' });
  expect(document.documentElement.dataset.theme).toBe('dark');
});
