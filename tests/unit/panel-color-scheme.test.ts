/**
 * The panel's native controls (scrollbars, checkboxes, selects, the date-time picker, the file
 * button) are drawn in the panel's theme, not the OS's: a forced platform theme sets the
 * color-scheme too, not only the colour variables (X dark on a light OS must not draw light
 * scrollbars on the dark panel).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const css = readFileSync(resolve(__dirname, '../../entrypoints/panel/style.css'), 'utf8');
const flat = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ');

/** The declarations of every rule whose selector is exactly `selector`, inside `scope` when given. */
function declarations(selector: string, scope = flat): string {
  const esc = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...scope.matchAll(new RegExp(`(?:^|[}{;])\\s*${esc}\\s*\\{([^}]*)\\}`, 'g'))].map((m) => m[1]).join(';');
}
const darkMedia = flat.match(/@media \(prefers-color-scheme: dark\) \{(.*?\})\s*\}/)?.[1] ?? '';

describe('panel color-scheme', () => {
  it('a forced light or dark theme sets the color-scheme of native controls', () => {
    expect(declarations(":root[data-theme='light']")).toMatch(/color-scheme:\s*light\s*(;|$)/);
    expect(declarations(":root[data-theme='dark']")).toMatch(/color-scheme:\s*dark\s*(;|$)/);
  });

  it('the OS dark theme (no forced light) sets color-scheme dark with its colours', () => {
    expect(declarations(":root:not([data-theme='light'])", darkMedia)).toMatch(/color-scheme:\s*dark\s*(;|$)/);
  });

  afterEach(() => {
    document.head.querySelectorAll('style[data-test]').forEach((s) => s.remove());
    delete document.documentElement.dataset.theme;
  });

  it('computed: the forced theme wins over the default "light dark"', () => {
    const style = document.createElement('style');
    style.dataset.test = '';
    style.textContent = css;
    document.head.append(style);
    document.documentElement.dataset.theme = 'dark';
    expect(getComputedStyle(document.documentElement).colorScheme).toBe('dark');
    document.documentElement.dataset.theme = 'light';
    expect(getComputedStyle(document.documentElement).colorScheme).toBe('light');
  });
});
