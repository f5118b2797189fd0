/**
 * Bundles the real-editor harness (one IIFE per editor) and the insertion library (IIFE
 * exposing window.__casesideInsert) into tests/e2e/editors/dist/ for Playwright pages.
 * Run: npm run build:editors (the e2e spec also calls buildEditorHarness() itself).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = join(here, 'dist');
export const EDITOR_BUNDLES = ['draft', 'lexical', 'textarea'] as const;
export type EditorBundle = (typeof EDITOR_BUNDLES)[number];

const common = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  jsx: 'automatic',
  logLevel: 'warning',
  // draft-js/fbjs read process.env.NODE_ENV and `global`.
  define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
} as const;

export async function buildEditorHarness(): Promise<{ insertGzipBytes: number }> {
  const insertOut = join(DIST, 'insert.js');
  await Promise.all([
    ...EDITOR_BUNDLES.map((name) =>
      build({ ...common, entryPoints: [join(here, `${name}-editor.tsx`)], outfile: join(DIST, `${name}.js`) }),
    ),
    build({
      ...common,
      entryPoints: [join(here, '../../../lib/platforms/insert/index.ts')],
      outfile: insertOut,
      globalName: '__casesideInsert',
      minify: true,
    }),
  ]);
  return { insertGzipBytes: gzipSync(readFileSync(insertOut)).length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { insertGzipBytes } = await buildEditorHarness();
  console.log(`editor harness built in ${DIST} (insertion library: ${insertGzipBytes} bytes gzipped)`);
}
