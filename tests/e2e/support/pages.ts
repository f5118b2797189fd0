/**
 * Platform pages for end-to-end tests: the fixture cases (tests/fixtures/<platform>/<case>/)
 * at the URLs they stand for, optionally with the real editors (draft-js, lexical, a React
 * textarea) mounted where the fixture marks a composer.
 */
import fs from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve('tests/fixtures');
const EDITORS = path.resolve('tests/e2e/editors/dist');

export interface FixturePage {
  name: string;
  url: string;
  html: string;
}

export function fixturePage(platform: 'x' | 'facebook', name: string, options: { editors?: boolean } = {}): FixturePage {
  const dir = path.join(FIXTURES, platform, name);
  const url = fs.readFileSync(path.join(dir, 'url.txt'), 'utf8').trim();
  let html = fs.readFileSync(path.join(dir, 'source.html'), 'utf8');
  if (options.editors) html = withEditors(html);
  return { name, url, html };
}

/** Append the editor bundles; each mounts into the fixture's [data-caseside-mount] elements. */
export function withEditors(html: string): string {
  const scripts = ['draft.js', 'lexical.js', 'textarea.js']
    .filter((f) => fs.existsSync(path.join(EDITORS, f)))
    .map((f) => `<script>${fs.readFileSync(path.join(EDITORS, f), 'utf8').replace(/<\/script/gi, '<\\/script')}</script>`)
    .join('\n');
  return html.includes('</body>') ? html.replace('</body>', `${scripts}</body>`) : html + scripts;
}

export const pageMap = (...pages: FixturePage[]) => new Map(pages.map((p) => [p.url, p.html]));
