/**
 * Rebuild visible text from a DOM subtree: text nodes, emoji from `img[alt]`, `<br>` and block
 * boundaries as line breaks. Never reads innerHTML, so markup can never leak into a snapshot.
 * Controls (`role="button"`: "See more", "Like", "Reply") and hidden screen-reader helpers are
 * left out because they are not part of what the person wrote.
 */
const BLOCK = new Set(['DIV', 'P', 'LI', 'UL', 'OL', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'SECTION']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'BUTTON', 'INPUT', 'TEXTAREA']);

export interface TextOptions {
  /** Extra elements to leave out (e.g. the author heading of a chat row). */
  skip?: (el: Element) => boolean;
}

const walk = (node: Node, out: string[], options: TextOptions): void => {
  if (node.nodeType === 3) {
    out.push((node.nodeValue ?? '').replace(/[ \t\r\n\f]+/g, ' '));
    return;
  }
  if (node.nodeType !== 1) return;
  const el = node as Element;
  if (SKIP.has(el.tagName) || el.getAttribute('role') === 'button' || el.getAttribute('aria-hidden') === 'true') return;
  if (options.skip?.(el)) return;
  if (el.tagName === 'IMG') {
    out.push(el.getAttribute('alt') ?? '');
    return;
  }
  if (el.tagName === 'BR') {
    out.push('\n');
    return;
  }
  const block = BLOCK.has(el.tagName);
  if (block) out.push('\n');
  for (const child of Array.from(el.childNodes)) walk(child, out, options);
  if (block) out.push('\n');
};

/** Visible text of an element, lines trimmed, empty lines dropped. */
export const textOf = (el: Element | null | undefined, options: TextOptions = {}): string => {
  if (!el) return '';
  const out: string[] = [];
  for (const child of Array.from(el.childNodes)) walk(child, out, options);
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
};

/** Text a screen reader would announce for a label-ish element (text, else aria-label, else img alt). */
export const labelOf = (el: Element | null | undefined): string => {
  if (!el) return '';
  const text = textOf(el);
  if (text) return text;
  const aria = el.getAttribute('aria-label')?.trim();
  if (aria) return aria;
  const img = el.querySelector('img[alt], [role="img"][aria-label], svg[aria-label]');
  return (img?.getAttribute('alt') ?? img?.getAttribute('aria-label') ?? '').trim();
};

/** Drop elements contained in another element of the list (nested `div[dir="auto"]` wrappers). */
export const outermost = (els: readonly Element[]): Element[] => els.filter((el) => !els.some((other) => other !== el && other.contains(el)));
