/**
 * The one HTML sanitiser for captured pages: applied when a page is captured and again every
 * time stored article HTML is displayed (the stored copy is never trusted on its own).
 *
 * Allowlist, not blocklist: basic structure, tables, links and images. Everything else —
 * scripts, styles, event handlers, forms, iframes, svg/math, srcset — is dropped. Links keep
 * only http(s)/mailto targets and open in a new tab with rel=noopener; images keep `src` only
 * when it is https or an inline raster data: URL (no plain-http fetches from an extension page).
 *
 * The stored copy keeps an https image's address, but what is displayed never loads it: an
 * extension page fetching a third-party image is a network call of ours (and images are how
 * pages track their readers). On display (`remoteImages: 'link'`, the default) each such
 * image becomes a link to it, named by its alt text, which the agent may open in a new tab.
 *
 * Two passes: DOMPurify does the work; then `enforceAllowlist` re-checks its output against the
 * same allowlist and removes whatever is left. In a browser the second pass finds nothing. It
 * exists because DOMPurify silently returns unsafe output on DOM implementations it does not
 * support (happy-dom, linkedom: cure53/DOMPurify#1457, capricorn86/happy-dom#1810), so a wrong
 * environment must not turn into stored unsanitised HTML.
 */
import DOMPurify, { type Config, type DOMPurify as Purifier, type WindowLike } from 'dompurify';

const ALLOWED_TAGS = [
  'a', 'abbr', 'article', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'details',
  'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp',
  'section', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'time', 'tr', 'u', 'ul', 'var',
];
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'colspan', 'rowspan', 'datetime', 'lang', 'dir'];
/** Set by the link rule below, so allowed in the output. */
const LINK_ATTR = ['rel', 'target'];
/** Removed with everything inside them (not unwrapped). */
const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg',
  'math', 'form', 'button', 'select', 'textarea', 'input', 'option', 'audio', 'video', 'canvas',
  'link', 'meta', 'base', 'title', 'head', 'applet', 'portal', 'dialog',
]);

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // Relative URLs are resolved by Readability against the page URL; anything still relative
  // would resolve against the extension's own origin, so it is dropped too.
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  ADD_FORBID_CONTENTS: ['form', 'button', 'select'],
};

const LINK_TARGET = /^(?:https?:|mailto:)/i;
const IMAGE_SOURCE = /^(?:https:|data:image\/(?:png|gif|jpeg|jpg|webp);)/i;
const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** Link and image rules, shared by both passes. */
function fixLinkOrImage(el: Element): void {
  const tag = el.localName.toLowerCase();
  if (tag === 'a') {
    const href = el.getAttribute('href');
    if (href !== null && !LINK_TARGET.test(href.trim())) el.removeAttribute('href');
    if (el.hasAttribute('href')) {
      el.setAttribute('rel', 'noopener noreferrer nofollow');
      el.setAttribute('target', '_blank');
    } else {
      for (const name of LINK_ATTR) el.removeAttribute(name);
    }
  } else if (tag === 'img') {
    const src = el.getAttribute('src');
    if (src !== null && !IMAGE_SOURCE.test(src.trim())) el.removeAttribute('src');
  }
}

const tagSet = new Set(ALLOWED_TAGS);
const attrSet = new Set([...ALLOWED_ATTR, ...LINK_ATTR]);

const REMOTE_IMAGE = /^https:/i;

/** What to do with an image loaded from another site: keep its address (storage) or link to it (display). */
export type RemoteImages = 'keep' | 'link';

/** The last path segment of an image address (its host when it has none), for a link's name. */
function fileName(src: string): string {
  try {
    const url = new URL(src);
    const last = url.pathname.split('/').pop() ?? '';
    try {
      return decodeURIComponent(last) || url.hostname;
    } catch {
      return last || url.hostname;
    }
  } catch {
    return 'image';
  }
}

/** An image from another site, as a link to it: nothing is loaded until the agent follows it. */
function imageAsLink(img: Element, doc: Document): void {
  const src = img.getAttribute('src')?.trim() ?? '';
  const link = doc.createElement('a');
  link.setAttribute('href', src);
  fixLinkOrImage(link);
  link.textContent = `🖼 ${(img.getAttribute('alt') ?? '').trim() || fileName(src)}`;
  img.replaceWith(link);
}

/** Second pass: removes anything outside the allowlist that the first pass let through. */
function enforceAllowlist(html: string, win: WindowLike, remoteImages: RemoteImages): string {
  const doc = win.document ?? new win.DOMParser().parseFromString('', 'text/html');
  // <template> content is inert: nothing in it loads or runs while it is checked.
  const template = doc.createElement('template');
  template.innerHTML = html;
  const root = template.content;
  for (const node of Array.from(root.querySelectorAll('*'))) {
    const tag = node.localName.toLowerCase();
    if (!tagSet.has(tag) || node.namespaceURI !== HTML_NS) {
      if (DROP_WITH_CONTENT.has(tag) || node.namespaceURI !== HTML_NS) node.remove();
      else node.replaceWith(...Array.from(node.childNodes));
      continue;
    }
    for (const attr of Array.from(node.attributes)) {
      if (!attrSet.has(attr.name.toLowerCase())) node.removeAttribute(attr.name);
    }
    fixLinkOrImage(node);
    if (remoteImages === 'link' && tag === 'img' && REMOTE_IMAGE.test(node.getAttribute('src')?.trim() ?? '')) imageAsLink(node, doc);
  }
  return template.innerHTML;
}

const instances = new WeakMap<object, Purifier>();

function purifierFor(win: WindowLike): Purifier {
  let purifier = instances.get(win);
  if (!purifier) {
    purifier = DOMPurify(win);
    purifier.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeType === 1) fixLinkOrImage(node as Element);
    });
    instances.set(win, purifier);
  }
  return purifier;
}

/**
 * Sanitised copy of `html`. `win` is the window whose DOM does the parsing: the extension
 * page's (or the capture script's isolated world) by default. `remoteImages`: 'link' (display,
 * the default) turns https images into links; 'keep' (capture, for storage) keeps them.
 */
export function sanitizeArticleHtml(html: string, win: WindowLike = window, remoteImages: RemoteImages = 'link'): string {
  if (typeof html !== 'string' || html.length === 0) return '';
  const purifier = purifierFor(win);
  // Unsupported, DOMPurify returns its input unchanged: refuse instead.
  if (!purifier.isSupported) throw new Error('sanitizeArticleHtml: DOMPurify is not supported here');
  return enforceAllowlist(purifier.sanitize(html, CONFIG), win, remoteImages);
}
