/**
 * The trust boundary, checked on what actually ships: the content-script bundles must not
 * contain the database (Dexie, lib/db) or IndexedDB, nor React. A content script that opened
 * IndexedDB would store customer data in the platform's origin, where its scripts can read it.
 */
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import path from 'node:path';

const entries = ['entrypoints/x.content/index.ts', 'entrypoints/facebook.content/index.ts'];

async function bundle(entry: string) {
  const result = await build({
    entryPoints: [path.resolve(entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    // WXT's auto-imported globals (defineContentScript) are provided at build time.
    banner: { js: 'const defineContentScript = (d) => d;' },
  });
  return { inputs: Object.keys(result.metafile.inputs), text: result.outputFiles[0]!.text };
}

describe('content scripts stay outside the data boundary', () => {
  for (const entry of entries) {
    it(`${entry} bundles no database, no IndexedDB and no React`, async () => {
      const { inputs, text } = await bundle(entry);
      expect(inputs.filter((i) => /node_modules\/(dexie|react|react-dom)\//.test(i))).toEqual([]);
      expect(inputs.filter((i) => /(^|\/)lib\/db\//.test(i))).toEqual([]);
      expect(text).not.toMatch(/\bindexedDB\b/);
    });
  }
});
