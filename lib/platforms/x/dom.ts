/**
 * Small DOM helpers shared by the X extractors: scoped lookups that skip quoted tweets, and
 * the text rebuild (text nodes + emoji `img[alt]`, never innerHTML).
 */
import { isHandleSegment } from './routes';

/** Text of an element rebuilt from its child nodes: emoji from `img[alt]`, `<br>` as "\n",
 *  hidden ellipsis spans (`aria-hidden`) and icons (svg) skipped. Markup-like text stays text. */
export function rebuildText(root: Node): string {
  let out = '';
  const walk = (node: Node): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        out += child.nodeValue ?? '';
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (tag === 'IMG') out += el.getAttribute('alt') ?? '';
      else if (tag === 'BR') out += '\n';
      else if (tag === 'SVG' || tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE') continue;
      else if (el.getAttribute('aria-hidden') === 'true') continue;
      else walk(el);
    }
  };
  walk(root);
  return out.replace(/\u00a0/g, ' ').trim();
}

/** Is `el` inside a quoted tweet (or nested article) that sits within `container`? */
export function isInsideQuote(el: Element, container: Element): boolean {
  for (let node = el.parentElement; node && node !== container; node = node.parentElement) {
    const tag = node.tagName.toUpperCase();
    // X nests a quoted tweet as a clickable div[role="link"] (links proper are <a>).
    if (tag === 'ARTICLE') return true;
    if (tag !== 'A' && node.getAttribute('role') === 'link') return true;
  }
  return false;
}

/** All matches of `selector` that belong to `container` itself, not to a quoted tweet in it. */
export function ownAll(container: Element, selector: string): Element[] {
  return Array.from(container.querySelectorAll(selector)).filter((el) => !isInsideQuote(el, container));
}

export function ownFirst(container: Element, selector: string): Element | null {
  return ownAll(container, selector)[0] ?? null;
}

/** Hidden duplicates (X keeps off-screen copies with `hidden` / `aria-hidden` / display:none). */
export function isHidden(el: Element, stopAt?: Element | null): boolean {
  for (let node: Element | null = el; node && node !== stopAt; node = node.parentElement) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return true;
    const style = node.getAttribute('style') ?? '';
    if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  }
  return false;
}

/** A `datetime` attribute as ISO 8601, or null when absent or unparsable. */
export function isoFrom(time: Element | null | undefined): string | null {
  const raw = time?.getAttribute('datetime');
  if (!raw) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** `/<handle>` of an href (relative or absolute), or null. */
export function handleFromHref(href: string | null | undefined): string | null {
  if (!href) return null;
  const match = /^(?:https?:\/\/(?:www\.|mobile\.)?(?:x|twitter)\.com)?\/([A-Za-z0-9_]{1,15})\/?(?:[?#].*)?$/.exec(href);
  return match && isHandleSegment(match[1]) ? match[1] : null;
}

/** The handles of profile links shown as "@handle" ("Replying to @a @b"); other links are skipped. */
export const mentionHandles = (links: readonly Element[]): string[] =>
  links
    .filter((a) => rebuildText(a).startsWith('@'))
    .map((a) => handleFromHref(a.getAttribute('href')))
    .filter((h): h is string => !!h);

export const profileUrlOf = (handle: string) => `https://x.com/${handle}`;

export const sameHandle = (a: string | undefined | null, b: string | undefined | null) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** Short stable hash (FNV-1a, hex) for ids derived from content where the DOM has none. */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
