/**
 * Knowledge capture (issue 6 part 4): a page → a clean article (Readability, then the
 * sanitiser) → a KbArticle record.
 *
 * Readability mutates the document it is given, so the live page is never passed in: either
 * a clone (`captureFromDocument`) or a document parsed from serialised HTML
 * (`captureFromHtml`, parser injected: DOMParser in an extension page, happy-dom in tests).
 */
import { Readability } from '@mozilla/readability';
import type { WindowLike } from 'dompurify';
import { newId } from '../db/ids';
import { KbArticleSchema, type KbArticle } from '../db/records';
import { sanitizeArticleHtml } from './sanitize';
import { stripTrackingQuery } from './page-url';

export type CapturedPage = {
  url: string;
  title: string;
  excerpt: string;
  text: string;
  /** Sanitised article HTML. */
  html: string;
  byline?: string;
  siteName?: string;
};

export type CaptureErrorCode = 'unsupported-url' | 'url-too-long' | 'too-large' | 'no-article' | 'parse-failed';
/** `error` is a short human-readable reason (shown in the capture notification). */
export type CaptureError = { error: string; code: CaptureErrorCode };
export type CaptureResult = CapturedPage | CaptureError;

export const isCaptureError = (r: CaptureResult): r is CaptureError => 'error' in r;

/** Serialised pages above this are refused rather than parsed (a tab can hold anything). */
export const MAX_SOURCE_HTML = 20_000_000;
/** Matches KbArticleSchema.html. */
const MAX_ARTICLE_HTML = 5_000_000;
/** Pages with more elements are refused (before the live page is cloned) and by Readability (maxElemsToParse). */
export const MAX_ELEMENTS = 200_000;
/** Matches KbArticleSchema.url: a longer address is refused, not cut (a cut one is another page). */
export const MAX_URL = 4000;
/** Below this much text, what Readability found is not an article. */
const MIN_TEXT = 80;

const fail = (code: CaptureErrorCode, error: string): CaptureError => ({ code, error });

/**
 * The address a page is kept under: http(s) only, without its fragment and without tracking
 * parameters (utm_*, fbclid…: lib/knowledge/page-url.ts), so a page reached from a newsletter or
 * from Facebook is kept once, and no click id goes into a reply that links it.
 */
function checkUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    if (u.search) u.search = stripTrackingQuery(u.search);
    return u.href;
  } catch {
    return null;
  }
}

/** Collapses Readability's text (indentation, runs of blank lines) into readable paragraphs. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * Relative links in the article must resolve against the page, not the parsing context. The
 * page's own <base> is kept only when it is an http(s) URL.
 */
function ensureBase(doc: Document, url: string) {
  const existing = doc.querySelector('base[href]');
  if (existing) {
    const href = checkUrl(new URL(existing.getAttribute('href') ?? '', url).href);
    if (href) return;
    existing.remove();
  }
  const base = doc.createElement('base');
  base.setAttribute('href', url);
  (doc.head ?? doc.documentElement).prepend(base);
}

/**
 * In-page links ("#step-2") as absolute links to the kept page. Readability leaves them relative
 * when the document's base is its own address (which it is for a live page's clone, whose
 * address is the <base> ensureBase inserts), and the sanitiser then drops a relative href,
 * leaving the link without a target.
 */
function absoluteFragmentLinks(doc: Document) {
  const base = doc.baseURI;
  for (const a of Array.from(doc.querySelectorAll('a[href^="#"]'))) {
    try {
      a.setAttribute('href', new URL(a.getAttribute('href') ?? '', base).href);
    } catch {
      // Left as it is: the sanitiser drops what is not an absolute http(s) link.
    }
  }
}

const READABILITY_TOO_MANY = /^Aborting parsing document; \d+ elements found/;

export type CaptureOptions = {
  /** Window whose DOM the sanitiser uses; the current one by default. */
  window?: WindowLike;
};

function extract(doc: Document, pageUrl: string, options: CaptureOptions): CaptureResult {
  const url = checkUrl(pageUrl);
  if (!url) return fail('unsupported-url', 'only http and https pages can be captured');
  if (url.length > MAX_URL) return fail('url-too-long', `the page address is longer than ${MAX_URL} characters`);
  ensureBase(doc, url);
  absoluteFragmentLinks(doc);
  let parsed: ReturnType<Readability['parse']>;
  try {
    parsed = new Readability(doc, { maxElemsToParse: MAX_ELEMENTS, keepClasses: false }).parse();
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    if (READABILITY_TOO_MANY.test(message)) return fail('too-large', 'the page has too many elements to capture');
    return fail('parse-failed', message || 'the page could not be read');
  }
  const text = normalizeText(parsed?.textContent ?? '');
  if (!parsed || text.length < MIN_TEXT) return fail('no-article', 'no article found on this page');
  // Stored with its https images' addresses; display turns them into links (sanitize.ts).
  const html = sanitizeArticleHtml(parsed.content ?? '', options.window, 'keep');
  if (html.length > MAX_ARTICLE_HTML) return fail('too-large', 'the article is too large to keep');
  const title = clean(parsed.title) || clean(doc.title) || new URL(url).hostname;
  const excerpt = clean(parsed.excerpt) || text.slice(0, 300);
  const page: CapturedPage = { url, title, excerpt, text, html };
  const byline = clean(parsed.byline);
  const siteName = clean(parsed.siteName);
  if (byline) page.byline = byline;
  if (siteName) page.siteName = siteName;
  return page;
}

/**
 * Captures from a live document without touching it (Readability runs on a clone). A page with
 * more elements than Readability reads is refused before it is cloned.
 */
export function captureFromDocument(doc: Document, url: string, options: CaptureOptions = {}): CaptureResult {
  if (doc.getElementsByTagName('*').length > MAX_ELEMENTS) return fail('too-large', 'the page has too many elements to capture');
  return extract(doc.cloneNode(true) as Document, url, options);
}

/** Captures from serialised page HTML (what executeScript returns from the tab). */
export function captureFromHtml(
  html: string,
  url: string,
  parse: (html: string) => Document,
  options: CaptureOptions = {},
): CaptureResult {
  if (html.length > MAX_SOURCE_HTML) return fail('too-large', 'the page is too large to capture');
  let doc: Document;
  try {
    doc = parse(html);
  } catch {
    return fail('parse-failed', 'the page could not be parsed');
  }
  return extract(doc, url, options);
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The record for a captured page. Throws (ZodError) if the page does not fit the record
 * (e.g. html over the limit, which capture already refuses).
 */
export function toKbArticle(
  captured: CapturedPage,
  brandId: string,
  options: { customerId?: string; now?: number; id?: string } = {},
): KbArticle {
  return KbArticleSchema.parse({
    id: options.id ?? newId(),
    brandId,
    url: checkUrl(captured.url) ?? captured.url,
    title: clip(captured.title, 1000),
    excerpt: clip(captured.excerpt, 5000),
    text: captured.text.slice(0, 2_000_000),
    html: captured.html,
    capturedAt: options.now ?? Date.now(),
    customerId: options.customerId ?? null,
  });
}
