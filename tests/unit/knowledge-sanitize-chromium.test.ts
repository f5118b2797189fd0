// @vitest-environment node
/**
 * The capture pipeline (Readability + DOMPurify + allowlist pass) in a real browser: DOMPurify
 * does not work in happy-dom (cure53/DOMPurify#1457), so this is where its own behaviour is
 * checked. lib/knowledge/capture.ts is bundled with esbuild and run in headless Chromium
 * (the system one, as in playwright.config.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [resolve(__dirname, '../../lib/knowledge/capture.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'CasesideCapture',
    platform: 'browser',
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  page = await browser.newPage();
  await page.route('**/*', (route) => route.abort()); // nothing leaves the test
  await page.setContent('<!doctype html><html><head></head><body></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

type Out = { error?: string; title?: string; html?: string; text?: string };
const capture = (html: string, url: string) =>
  page.evaluate(
    ([h, u]) => {
      const api = (window as unknown as { CasesideCapture: typeof import('../../lib/knowledge/capture') }).CasesideCapture;
      return api.captureFromHtml(h, u, (s) => new DOMParser().parseFromString(s, 'text/html')) as unknown as Out;
    },
    [html, url] as const,
  );

const FILLER = '<p>To reset your router, hold the reset button for ten seconds until the lights blink. Wait two minutes for the connection to come back, then check the status page in your account.</p>'.repeat(4);

describe('capture in Chromium', () => {
  it('strips scripts, handlers, javascript: URLs, iframes, svg, forms and styles', async () => {
    const hostile = `<!doctype html><html><head><title>Reset your router</title><style>p{}</style></head><body><article>
      <h1>Reset your router</h1><script>alert(1)</script>
      <p onclick="x()">Go <a href="javascript:alert(1)">here</a> or <a href="https://help.example.com/ok">safe</a></p>
      <img src="https://cdn.example.com/a.png" srcset="https://t.example.com/x 2x" onerror="alert(1)">
      <img src="http://insecure.example.com/b.png"><iframe src="https://evil.example.com/"></iframe>
      <svg onload="alert(1)"><circle r="4"/><script>alert(2)</script></svg>
      <form action="https://evil.example.com/"><input value="4111"><button>Send</button></form>
      <p style="color:red" class="c">Styled</p>${FILLER}</article></body></html>`;
    const r = await capture(hostile, 'https://help.example.com/router');
    expect(r.error).toBeUndefined();
    const html = r.html!;
    expect(html).not.toMatch(/<script|<iframe|<svg|<form|<input|<button|<style/i);
    expect(html).not.toMatch(/\son[a-z]+=|javascript:|style=|srcset|class=/i);
    expect(html).not.toContain('http://insecure.example.com');
    expect(html).toContain('href="https://help.example.com/ok"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('src="https://cdn.example.com/a.png"');
    expect(html).toContain('Styled');
    expect(r.title).toBe('Reset your router');
  });

  it('captures a real saved page', async () => {
    const src = readFileSync(resolve(__dirname, '../../../shared/data/help-articles-html/readability-test-pages/mozilla-1/source.html'), 'utf8');
    const r = await capture(src, 'https://www.mozilla.org/en-US/firefox/desktop/customize/');
    expect(r.title).toMatch(/customize/i);
    expect(r.text!.length).toBeGreaterThan(500);
    expect(r.html).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
  });
});
