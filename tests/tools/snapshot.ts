/**
 * Print the snapshot an adapter extracts from a saved page:
 *   npm run snapshot -- <file.html> --url <url> [--now <iso>]
 * The adapter is chosen by the URL's host (lib/platforms/registry.ts). A fragment (e.g. one
 * saved `<article>`) works too: the URL supplies the route context the fragment lacks.
 * Exit code 1 with "not recognised: <reason>" when the page is no conversation.
 */
import { readFileSync } from 'node:fs';
import { adapterFor } from '../../lib/platforms/registry';
import { notRecognised, type ExtractResult } from '../../lib/platforms/snapshot';
import { documentFromHtml } from '../fixtures/load-fixtures';

export function snapshotOf(html: string, url: URL, now = new Date()): ExtractResult {
  const adapter = adapterFor(url);
  if (!adapter) return notRecognised('not-platform', `no adapter for host ${url.hostname}`);
  return adapter.extract(documentFromHtml(html, url), url, { now });
}

function main(argv: string[]): number {
  const args = [...argv];
  const take = (flag: string) => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const urlText = take('--url');
  const nowText = take('--now');
  const file = args[0];
  if (!file || !urlText) {
    console.error('usage: npm run snapshot -- <file.html> --url <url> [--now <iso>]');
    return 2;
  }
  const result = snapshotOf(readFileSync(file, 'utf8'), new URL(urlText), nowText ? new Date(nowText) : new Date());
  if (!result.ok) {
    console.log(`not recognised: ${result.reason}`);
    return 1;
  }
  console.log(JSON.stringify(result.snapshot, null, 2));
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && /snapshot\.ts$/.test(process.argv[1]);
if (invokedDirectly) process.exitCode = main(process.argv.slice(2));
