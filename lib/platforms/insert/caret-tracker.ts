/**
 * Remembers where the agent's caret was in a composer. When the side panel (an iframe) takes
 * focus, the page's selection may move or vanish; insertion restores what is kept here.
 */
import type { TextSelection } from './caret';
import { isTextField } from './read-editor-text';

export interface CaretTracker {
  /** The last selection inside a contenteditable composer (a live clone), or null. */
  lastRange(): Range | null;
  /** The last selection inside a textarea composer, as offsets, or null. */
  lastTextSelection(): TextSelection | null;
  /** The composer the agent last worked in, or null. */
  lastComposer(): HTMLElement | null;
}

export function trackComposerCaret(
  doc: Document,
  isComposer: (el: Element) => boolean,
  signal: AbortSignal,
): CaretTracker {
  let range: Range | null = null;
  let textSelection: TextSelection | null = null;
  let composer: HTMLElement | null = null;

  const composerOf = (node: Node | null): HTMLElement | null => {
    for (let n = node; n; n = n.parentNode) {
      if (n.nodeType === 1 && isComposer(n as Element)) return n as HTMLElement;
    }
    return null;
  };

  const recordField = (field: HTMLTextAreaElement | HTMLInputElement): void => {
    composer = field;
    range = null;
    textSelection = { start: field.selectionStart ?? field.value.length, end: field.selectionEnd ?? field.value.length };
  };

  const record = (): void => {
    const active = doc.activeElement;
    if (active && isTextField(active) && isComposer(active)) return recordField(active);
    const selection = doc.getSelection();
    if (!selection || selection.rangeCount === 0) return;
    const current = selection.getRangeAt(0);
    const owner = composerOf(current.startContainer);
    // A selection outside every composer (the panel, the page) keeps the last one.
    if (!owner || !owner.contains(current.endContainer)) return;
    composer = owner;
    textSelection = null;
    range = current.cloneRange();
  };

  // During focusout the field is no longer activeElement: read it from the event target.
  const onFocusOut = (event: Event): void => {
    const target = event.target as Element | null;
    if (target && isTextField(target) && isComposer(target)) recordField(target);
    else if (composerOf(target)) record();
  };

  const options = { signal, capture: true } as const;
  doc.addEventListener('selectionchange', record, options);
  doc.addEventListener('focusin', record, options);
  doc.addEventListener('focusout', onFocusOut, options);
  // Textareas do not always report caret moves through selectionchange.
  for (const type of ['select', 'keyup', 'mouseup', 'input']) doc.addEventListener(type, record, options);

  return {
    lastRange: () => range,
    lastTextSelection: () => textSelection,
    lastComposer: () => (composer?.isConnected ? composer : null),
  };
}
