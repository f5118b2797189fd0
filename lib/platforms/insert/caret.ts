/**
 * Where the reply goes. The side panel is an iframe that takes focus, so the agent's caret
 * in the composer is restored from what the caret tracker saved before inserting.
 */
import { isTextField } from './read-editor-text';

export type InsertMode = 'caret' | 'replace';

/** A textarea's selection, kept as offsets (textareas have no DOM Range inside). */
export interface TextSelection {
  start: number;
  end: number;
}

/** A saved range is usable only while both ends are still on the page and inside the editor. */
export function isRangeInside(range: Range | null | undefined, el: Element): range is Range {
  if (!range) return false;
  const { startContainer, endContainer } = range;
  return startContainer.isConnected && endContainer.isConnected && el.contains(startContainer) && el.contains(endContainer);
}

/**
 * The first/last caret position of the editor's content, inside a text node when the content
 * starts/ends with text. An emoji shown as an image (`<img alt>`, as readEditorText reads it)
 * counts as content: the end is after a trailing one, the start before a leading one.
 */
export function edgePosition(el: Node, edge: 'start' | 'end'): { node: Node; offset: number } {
  const doc = el.ownerDocument ?? (el as Document);
  const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => (node.nodeType === Node.TEXT_NODE || (node as Element).tagName === 'IMG' ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  let found: Node | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    found = node;
    if (edge === 'start') break;
  }
  if (!found) return { node: el, offset: edge === 'start' ? 0 : el.childNodes.length };
  if (found.nodeType === Node.TEXT_NODE) return { node: found, offset: edge === 'start' ? 0 : (found as Text).data.length };
  const parent = found.parentNode!;
  const index = Array.prototype.indexOf.call(parent.childNodes, found) as number;
  return { node: parent, offset: edge === 'start' ? index : index + 1 };
}

/** replace → everything; caret → the saved range, else the live one, else the end. */
export function caretRangeFor(el: HTMLElement, mode: InsertMode, saved: Range | null | undefined, current: Range | null): Range {
  if (mode === 'caret' && isRangeInside(saved, el)) return saved.cloneRange();
  if (mode === 'caret' && isRangeInside(current, el)) return current.cloneRange();
  const range = el.ownerDocument.createRange();
  const end = edgePosition(el, 'end');
  range.setEnd(end.node, end.offset);
  if (mode === 'replace') {
    const start = edgePosition(el, 'start');
    range.setStart(start.node, start.offset);
  } else {
    range.collapse(false);
  }
  return range;
}

export function textSelectionFor(
  length: number,
  mode: InsertMode,
  saved: TextSelection | null | undefined,
  current: TextSelection | null,
): TextSelection {
  if (mode === 'replace') return { start: 0, end: length };
  for (const candidate of [saved, current]) {
    if (candidate && candidate.start >= 0 && candidate.start <= candidate.end && candidate.end <= length) return candidate;
  }
  return { start: length, end: length };
}

/** Focus the editor and put the selection where the reply must go. */
export function restoreCaret(
  el: HTMLElement,
  mode: InsertMode,
  savedRange: Range | null | undefined,
  savedSelection: TextSelection | null | undefined,
): void {
  const doc = el.ownerDocument;
  const active = doc.activeElement;
  // Read the live selection before focus(): focusing can move it.
  const focused = active !== null && (active === el || el.contains(active));
  if (isTextField(el)) {
    const current = focused ? { start: el.selectionStart ?? 0, end: el.selectionEnd ?? 0 } : null;
    el.focus({ preventScroll: true });
    const { start, end } = textSelectionFor(el.value.length, mode, savedSelection, current);
    el.setSelectionRange(start, end);
    return;
  }
  const selection = doc.getSelection();
  const current = focused && selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  el.focus({ preventScroll: true });
  const range = caretRangeFor(el, mode, savedRange, current);
  selection?.removeAllRanges();
  selection?.addRange(range);
}
