import { debounce } from './debounce';

/**
 * Light or dark: the platform's own theme when the content script could tell (passed as
 * ?theme= when the frame is mounted), otherwise the operating system's preference (CSS).
 */
export function applyTheme(theme: string | null): void {
  if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
}

/** Is the page's background dark? (relative luminance < 0.35). Used by the content script. */
export function isDarkColor(cssColor: string): boolean | null {
  const m = cssColor.match(/rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)(?:[,\s/]+([\d.]+))?/);
  if (!m) return null;
  if (m[4] !== undefined && Number(m[4]) === 0) return null; // transparent: no information
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.35;
}

/** The platform's own theme, read from its body or app root background. */
export function platformTheme(doc: Document): 'dark' | 'light' | null {
  for (const el of [doc.body, doc.getElementById('react-root'), doc.documentElement]) {
    if (!el) continue;
    const dark = isDarkColor(getComputedStyle(el).backgroundColor);
    if (dark !== null) return dark ? 'dark' : 'light';
  }
  return null;
}

/** The message the content script posts to the panel frame when the platform's theme changes. */
export const THEME_MESSAGE = 'caseside/theme';

/**
 * Follows the platform's theme after the panel is mounted (X's Display setting switches it
 * without a reload): the body's and root's style/class attributes are watched (attributes only,
 * no subtree), and after THEME_DEBOUNCE_MS of quiet the theme is read again; `onChange` hears
 * only a new light/dark value.
 */
export function watchPlatformTheme(
  doc: Document,
  initial: 'dark' | 'light' | null,
  onChange: (theme: 'dark' | 'light') => void,
  signal: AbortSignal,
): void {
  let last = initial;
  const check = debounce(
    () => {
      const now = platformTheme(doc);
      if (now && now !== last) onChange((last = now));
    },
    THEME_DEBOUNCE_MS,
    signal,
  );
  const observer = new MutationObserver(check);
  for (const el of [doc.documentElement, doc.body]) {
    if (el) observer.observe(el, { attributes: true, attributeFilter: ['style', 'class'] });
  }
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
const THEME_DEBOUNCE_MS = 300;

/**
 * The panel side (entrypoints/panel/main.tsx): apply the theme the content script posts from the
 * parent page. Only 'dark' | 'light' is ever taken (applyTheme), so a page posting it too can at
 * most switch the panel's colours.
 */
export function followThemeMessages(win: Window = window): void {
  win.addEventListener('message', (e: MessageEvent<unknown>) => {
    const data = e.data as { type?: unknown; theme?: unknown } | null;
    if (e.source === win.parent && data?.type === THEME_MESSAGE && typeof data.theme === 'string') applyTheme(data.theme);
  });
}
