/**
 * Capture on real saved pages (../shared/data/help-articles-html, see its PROVENANCE.md; read
 * at test time, never bundled) and on hostile hand-built pages.
 *
 * Runs in happy-dom, where DOMPurify is known not to work (cure53/DOMPurify#1457): what is
 * asserted here is the sanitiser's output as a whole, which the allowlist pass guarantees in
 * any DOM. knowledge-sanitize-chromium.test.ts runs the same pipeline in a real browser.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it, vi } from 'vitest';
import { captureFromDocument, captureFromHtml, isCaptureError, toKbArticle, type CapturedPage, type CaptureResult } from '../../lib/knowledge/capture';
import { sanitizeArticleHtml } from '../../lib/knowledge/sanitize';

const DATA = resolve(__dirname, '../../../shared/data/help-articles-html');
// A window that never tries to fetch the pages' stylesheets, scripts or frames.
const win = new Window({ settings: { handleDisabledFileLoadingAsSuccess: true } });
const parse = (html: string) => new win.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
const domWindow = win as unknown as typeof globalThis;

function captured(result: CaptureResult): CapturedPage {
  if (isCaptureError(result)) throw new Error(`capture failed: ${result.code} ${result.error}`);
  return result;
}

const PAGES = [
  { file: 'readability-test-pages/ehow-1/source.html', url: 'http://www.ehow.com/how_2042752_build-terrarium.html', title: /terrarium/i, text: /cloche/i },
  { file: 'readability-test-pages/ehow-2/source.html', url: 'http://www.ehow.com/how_graduation-party.html', title: /graduation party/i, text: /budget/i },
  { file: 'readability-test-pages/mozilla-1/source.html', url: 'https://www.mozilla.org/en-US/firefox/desktop/customize/', title: /customize/i, text: /personalize Firefox/i },
  { file: 'readability-test-pages/google-sre-book-1/source.html', url: 'https://landing.google.com/sre/book/chapters/monitoring-distributed-systems.html', title: /reliability/i, text: /monitoring/i },
  { file: 'trafilatura-eval/docs.docker.com.install.html', url: 'https://docs.docker.com/engine/install/', title: /install docker engine/i, text: /docker/i },
];

describe('real pages', () => {
  for (const page of PAGES) {
    it(`${page.file}: sensible title, excerpt and non-trivial text`, () => {
      const html = readFileSync(resolve(DATA, page.file), 'utf8');
      const r = captured(captureFromHtml(html, page.url, parse, { window: domWindow }));
      expect(r.title).toMatch(page.title);
      expect(r.text).toMatch(page.text);
      expect(r.text.length).toBeGreaterThan(500);
      expect(r.excerpt.length).toBeGreaterThan(20);
      expect(r.html).not.toMatch(/<script|<style|<iframe|<form|\son\w+=|javascript:|style=|srcset/i);
      for (const href of r.html.matchAll(/href="([^"]*)"/g)) expect(href[1]).toMatch(/^(https?:|mailto:)/);
    });
  }

  it('matches the title and byline Readability itself expects for ehow-1', () => {
    const dir = resolve(DATA, 'readability-test-pages/ehow-1');
    const expected = JSON.parse(readFileSync(resolve(dir, 'expected-metadata.json'), 'utf8')) as { title: string; byline: string };
    const r = captured(captureFromHtml(readFileSync(resolve(dir, 'source.html'), 'utf8'), 'http://www.ehow.com/x', parse, { window: domWindow }));
    expect(r.title).toBe(expected.title);
    expect(r.byline).toBe(expected.byline);
  });

  it('resolves relative links against the page URL', () => {
    const r = captured(captureFromHtml(article('<p>See <a href="/help/refunds">refunds</a> for more.</p>'), 'https://help.example.com/a/b', parse, { window: domWindow }));
    expect(r.html).toContain('href="https://help.example.com/help/refunds"');
  });
});

const FILLER = '<p>To reset your router, hold the reset button for ten seconds until the lights blink. Wait two minutes for the connection to come back, then check the status page in your account. If the light stays red, contact support with your account number ready.</p>'.repeat(4);
const article = (inner: string, head = '') =>
  `<!doctype html><html><head><title>Reset your router</title>${head}</head><body><article><h1>Reset your router</h1>${inner}${FILLER}</article></body></html>`;

const HOSTILE = article(
  `<script>alert('x')</script>
   <p onclick="steal()">Click <a href="javascript:alert(1)">here</a> or <a href="JaVaScRiPt&colon;alert(2)">there</a>
   or <a href=" javascript:alert(3)">again</a> or <a href="https://help.example.com/ok" target="_top" onmouseover="x()">safe</a>.</p>
   <img src="https://cdn.example.com/a.png" srcset="https://tracker.example.com/x 2x" onerror="alert(1)" alt="router">
   <img src="http://insecure.example.com/b.png" alt="insecure">
   <img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="svg data">
   <img src="data:image/png;base64,iVBORw0KGgo=" alt="png data">
   <iframe src="https://evil.example.com/frame"></iframe>
   <math><mi xlink:href="javascript:alert(1)">x</mi></math>
   <form action="https://evil.example.com/post"><input name="card" value="4111"><button formaction="javascript:alert(1)">Send</button></form>
   <p style="background:url(javascript:alert(1))" class="x" id="y" data-x="1">Styled paragraph</p>
   <object data="https://evil.example.com/x.swf"></object><embed src="https://evil.example.com/y">
   <a href="data:text/html,<script>alert(1)</script>">data link</a>
   <noscript><img src=x onerror=alert(1)></noscript>`,
  '<style>body{display:none}</style><base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
);

function expectClean(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript/i);
  expect(html).not.toMatch(/<(iframe|svg|math|form|input|button|object|embed|style|noscript|meta|base)\b/i);
  expect(html).not.toMatch(/\s(style|srcset|class|id|data-x|formaction|action)=/i);
  expect(html).not.toContain('http://insecure.example.com');
  expect(html).not.toContain('data:image/svg');
  expect(html).not.toContain('data:text/html');
  expect(html).not.toContain('tracker.example.com');
  expect(html).not.toContain('alert(');
}

describe('hostile pages', () => {
  it('capture keeps none of the active content', () => {
    const r = captured(captureFromHtml(HOSTILE, 'https://help.example.com/router', parse, { window: domWindow }));
    expectClean(r.html);
    // What is legitimate survives.
    expect(r.html).toMatch(/<a href="https:\/\/help\.example\.com\/ok" (rel="noopener noreferrer nofollow" target="_blank"|target="_blank" rel="noopener noreferrer nofollow")>safe<\/a>/);
    expect(r.html).toContain('src="https://cdn.example.com/a.png"');
    expect(r.html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(r.html).toContain('Styled paragraph');
    expect(r.text).toContain('hold the reset button');
  });

  it('sanitizeArticleHtml on its own (display time) strips the same, and inline svg', () => {
    // <svg> is here rather than in HOSTILE: happy-dom's parser swallows what follows an inline
    // svg, so Readability finds no article there; knowledge-sanitize-chromium covers it in a browser.
    const body = `<svg onload="alert(1)"><circle r="4"/><script>alert(2)</script></svg>${HOSTILE.slice(HOSTILE.indexOf('<article>'))}`;
    expectClean(sanitizeArticleHtml(body, domWindow));
    expect(sanitizeArticleHtml('', domWindow)).toBe('');
  });

  it('display never loads an image from another site: it becomes a link to it, named by its alt text (storage keeps the address)', () => {
    const stored = '<p>Before</p><img src="https://cdn.example.com/a.png" alt="router lights"><img src="https://cdn.example.com/path/reset%20button.jpg"><img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">';
    expect(sanitizeArticleHtml(stored, domWindow, 'keep')).toContain('<img src="https://cdn.example.com/a.png"');
    const shown = new domWindow.DOMParser().parseFromString(sanitizeArticleHtml(stored, domWindow), 'text/html');
    expect(Array.from(shown.querySelectorAll('img')).map((i) => i.getAttribute('src'))).toEqual(['data:image/png;base64,iVBORw0KGgo=']);
    const links = Array.from(shown.querySelectorAll('a')).map((a) => [a.getAttribute('href'), a.textContent, a.getAttribute('target'), a.getAttribute('rel')]);
    expect(links).toEqual([
      ['https://cdn.example.com/a.png', '🖼 router lights', '_blank', 'noopener noreferrer nofollow'],
      ['https://cdn.example.com/path/reset%20button.jpg', '🖼 reset button.jpg', '_blank', 'noopener noreferrer nofollow'],
    ]);
  });

  it('refuses pages it cannot capture', () => {
    const fail = (r: CaptureResult) => (isCaptureError(r) ? r.code : 'captured');
    expect(fail(captureFromHtml(HOSTILE, 'javascript:alert(1)', parse, { window: domWindow }))).toBe('unsupported-url');
    expect(fail(captureFromHtml(HOSTILE, 'chrome://settings', parse, { window: domWindow }))).toBe('unsupported-url');
    expect(fail(captureFromHtml('<html><body><p>hi</p></body></html>', 'https://a.example/', parse, { window: domWindow }))).toBe('no-article');
    expect(fail(captureFromHtml('x'.repeat(20_000_001), 'https://a.example/', parse, { window: domWindow }))).toBe('too-large');
    expect(fail(captureFromHtml('<p>', 'https://a.example/', () => { throw new Error('bad'); }, { window: domWindow }))).toBe('parse-failed');
  });
});

describe('captureFromDocument', () => {
  it('leaves the live document untouched (Readability runs on a clone)', () => {
    const doc = parse(HOSTILE);
    const before = doc.documentElement.outerHTML;
    const r = captured(captureFromDocument(doc, 'https://help.example.com/router#step-2', { window: domWindow }));
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(r.url).toBe('https://help.example.com/router');
    expect(r.title).toBe('Reset your router');
    expectClean(r.html);
  });
});

describe('toKbArticle', () => {
  it('builds a valid record for the brand, optionally attached to a customer', () => {
    const r = captured(captureFromHtml(article(''), 'https://help.example.com/router', parse, { window: domWindow }));
    const kb = toKbArticle(r, 'acme', { now: 1_700_000_000_000, id: 'a-1' });
    expect(kb).toMatchObject({ id: 'a-1', brandId: 'acme', url: 'https://help.example.com/router', title: 'Reset your router', customerId: null, capturedAt: 1_700_000_000_000 });
    expect(toKbArticle(r, 'acme', { customerId: 'c-1' }).customerId).toBe('c-1');
    const long = toKbArticle({ ...r, title: 't'.repeat(5000), excerpt: 'e'.repeat(9000) }, 'acme');
    expect(long.title.length).toBe(1000);
    expect(long.excerpt.length).toBe(5000);
  });
});

describe('the address a page is kept under', () => {
  it('drops tracking parameters (utm_*, fbclid, gclid…) and keeps every other one as written', () => {
    const body = article('');
    const url = (u: string) => captured(captureFromHtml(body, u, parse, { window: domWindow })).url;
    expect(url('https://help.acme.example/refunds?utm_source=newsletter&utm_medium=email')).toBe('https://help.acme.example/refunds');
    expect(url('https://help.acme.example/refunds?fbclid=IwAR3xAbCdEf_123#step-2')).toBe('https://help.acme.example/refunds');
    expect(url('https://help.acme.example/search?q=a%2Fb+c&gclid=Cj0KCQ&page=2&UTM_Campaign=x&msclkid=1&mc_eid=2&mc_cid=3&igshid=4&_hsenc=5&_hsmi=6&yclid=7&dclid=8')).toBe(
      'https://help.acme.example/search?q=a%2Fb+c&page=2',
    );
    expect(url('https://help.acme.example/article?id=42')).toBe('https://help.acme.example/article?id=42');
    // The record of a page captured before (toKbArticle checks the address again).
    const r = captured(captureFromHtml(body, 'https://help.acme.example/refunds', parse, { window: domWindow }));
    expect(toKbArticle({ ...r, url: 'https://help.acme.example/refunds?utm_source=x' }, 'acme').url).toBe('https://help.acme.example/refunds');
  });

  it('refuses an address over 4,000 characters with its own code, unless what makes it long is tracking', () => {
    const long = `https://help.acme.example/search?q=${'kettle+'.repeat(600)}`;
    expect(long.length).toBeGreaterThan(4000);
    const r = captureFromHtml(article(''), long, parse, { window: domWindow });
    expect(isCaptureError(r) && r.code).toBe('url-too-long');
    const tracked = `https://help.acme.example/refunds?utm_content=${'x'.repeat(4100)}`;
    expect(captured(captureFromHtml(article(''), tracked, parse, { window: domWindow })).url).toBe('https://help.acme.example/refunds');
  });
});

describe('in-page links', () => {
  it('keep their target, as links to the kept page (a live page: its address is its base)', () => {
    // As in the browser: the document's address is the page's, so the <base> capture inserts
    // equals it and Readability leaves "#step-2" relative, which the sanitiser would drop.
    const pageWin = new Window({ url: 'https://help.acme.example/router', settings: { handleDisabledFileLoadingAsSuccess: true } });
    pageWin.document.write(article('<p>Steps: <a href="#step-1">s1</a>, then <a href="#step-2">s2</a>.</p><h2 id="step-2">Step 2</h2>'));
    const doc = pageWin.document as unknown as Document;
    const r = captured(captureFromDocument(doc, 'https://help.acme.example/router', { window: domWindow }));
    expect(r.html).toMatch(/<a href="https:\/\/help\.acme\.example\/router#step-2"[^>]*>s2<\/a>/);
    expect(r.html).toMatch(/<a href="https:\/\/help\.acme\.example\/router#step-1"[^>]*>s1<\/a>/);
    // The live page keeps its own links.
    expect(doc.querySelector('a')!.getAttribute('href')).toBe('#step-1');
  });
});

describe('pages with more elements than Readability reads', () => {
  // Building 200,001 real elements takes half a minute in happy-dom: the document reports that
  // many instead (what Readability and the capture count), the rest of it is a small article.
  const reportingElements = (doc: Document, count: number) => {
    const real = doc.getElementsByTagName.bind(doc);
    vi.spyOn(doc, 'getElementsByTagName').mockImplementation(((tag: string) =>
      tag === '*' ? ({ length: count } as unknown as HTMLCollectionOf<Element>) : real(tag)) as typeof doc.getElementsByTagName);
    return doc;
  };

  it('are "too large", refused before the live page is cloned', () => {
    const doc = reportingElements(parse(article('')), 200_001);
    const clone = vi.spyOn(doc, 'cloneNode');
    const r = captureFromDocument(doc, 'https://help.acme.example/huge', { window: domWindow });
    expect(isCaptureError(r) && r.code).toBe('too-large');
    expect(clone).not.toHaveBeenCalled();
    // At the limit, captured.
    expect(isCaptureError(captureFromDocument(reportingElements(parse(article('')), 200_000), 'https://help.acme.example/huge', { window: domWindow }))).toBe(false);
  });

  it('are "too large", not "could not be read", when Readability refuses them (serialised HTML)', () => {
    const r = captureFromHtml(article(''), 'https://help.acme.example/huge', (html) => reportingElements(parse(html), 200_001), { window: domWindow });
    expect(r).toMatchObject({ code: 'too-large' });
  });
});
