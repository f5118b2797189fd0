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
