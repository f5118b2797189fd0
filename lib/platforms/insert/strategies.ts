/**
 * The ways to put text into an editor so that the editor's own state (not just its DOM) holds
 * it. Each strategy inserts at the current selection, once; the caller verifies and decides.
 * None of them presses Enter or dispatches a key: a "send on Enter" handler must never fire.
 */
import type { ComposerKind } from '../adapter';

export interface Strategy {
  readonly name: StrategyName;
  /** Checked after the caret is restored; a strategy that does not apply is skipped. */
  applies?(el: HTMLElement): boolean;
  run(el: HTMLElement, text: string): void;
}

export type StrategyName = 'paste-event' | 'execCommand-insertText' | 'native-value-setter' | 'line-by-line';

/** A synthetic paste with text/plain: Draft.js and Lexical read `clipboardData` themselves. */
const pasteEvent: Strategy = {
  name: 'paste-event',
  run(el, text) {
    const win = el.ownerDocument.defaultView ?? window;
    const data = new win.DataTransfer();
    data.setData('text/plain', text);
    const event = new win.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
    pasteTarget(el).dispatchEvent(event);
  },
};

/** A real paste is targeted at the element holding the caret. */
function pasteTarget(el: HTMLElement): Element {
  const anchor = el.ownerDocument.getSelection()?.anchorNode ?? null;
  const holder = anchor && (anchor.nodeType === 1 ? (anchor as Element) : anchor.parentElement);
  return holder && el.contains(holder) ? holder : el;
}

/** Trusted beforeinput/input events, and the browser's undo stack keeps the insertion. */
const execInsertText: Strategy = {
  name: 'execCommand-insertText',
  run(el, text) {
    el.ownerDocument.execCommand('insertText', false, text);
  },
};

/**
 * Draft.js only survives native insertion into an existing text node: in an empty block the
 * browser's text lands beside Draft's <br> and React later throws on removeChild.
 */
const execInsertTextIntoText: Strategy = {
  ...execInsertText,
  applies(el) {
    const selection = el.ownerDocument.getSelection();
    const inText = (node: Node | null | undefined): boolean => node?.nodeType === 3 && el.contains(node);
    return inText(selection?.anchorNode) && inText(selection?.focusNode);
  },
};

/**
 * Lines joined by line breaks (Shift+Enter's input type, never Enter's insertParagraph), so a
 * send-on-Enter editor adds a break instead of sending. Chrome's execCommand fires no
 * beforeinput, and Lexical drops a <br> it did not make: offer the break as a beforeinput
 * first (Lexical inserts it itself), natively only when nobody handled it.
 */
const lineByLine: Strategy = {
  name: 'line-by-line',
  run(el, text) {
    const doc = el.ownerDocument;
    const win = doc.defaultView ?? window;
    text.split(/\r?\n/).forEach((line, index) => {
      if (index > 0) {
        const lineBreak = new win.InputEvent('beforeinput', { inputType: 'insertLineBreak', bubbles: true, cancelable: true, composed: true });
        if (el.dispatchEvent(lineBreak)) doc.execCommand('insertLineBreak');
      }
      if (line !== '') doc.execCommand('insertText', false, line);
    });
  },
};

/**
 * React keeps a textarea's value in state and ignores `el.value = …` (its value tracker sees no
 * change): set through the prototype's setter, then announce it with a bubbling `input`.
 */
const nativeValueSetter: Strategy = {
  name: 'native-value-setter',
  run(el, text) {
    const field = el as HTMLTextAreaElement;
    const win = el.ownerDocument.defaultView ?? window;
    const proto = el.tagName === 'INPUT' ? win.HTMLInputElement.prototype : win.HTMLTextAreaElement.prototype;
    const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    if (!setter) return;
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? start;
    setter.call(field, field.value.slice(0, start) + text + field.value.slice(end));
    field.setSelectionRange(start + text.length, start + text.length);
    field.dispatchEvent(new win.Event('input', { bubbles: true }));
  },
};

/** The order to try strategies in, per editor technology (see docs/platform-dom.md). */
export function strategiesFor(kind: ComposerKind, text: string): readonly Strategy[] {
  const multiline = /\r?\n/.test(text);
  switch (kind) {
    case 'draft':
      // execCommand with line breaks makes native <div>s Draft cannot map: it corrupts the
      // editor (React throws on removeChild, tests/e2e/insert-editors.spec.ts): one line only,
      // and only into existing text.
      return multiline ? [pasteEvent] : [pasteEvent, execInsertTextIntoText];
    case 'textarea':
      return [execInsertText, nativeValueSetter];
    case 'lexical':
    case 'contenteditable':
      // insertText with "\n" becomes insertParagraph in a contenteditable: Enter to Lexical.
      return multiline ? [pasteEvent, lineByLine] : [execInsertText, pasteEvent];
  }
}
