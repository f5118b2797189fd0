import { describe, expect, it } from 'vitest';
import { caretRangeFor, edgePosition, isRangeInside, textSelectionFor } from '../../lib/platforms/insert/caret';
import { trackComposerCaret } from '../../lib/platforms/insert/caret-tracker';
import { readEditorText } from '../../lib/platforms/insert/read-editor-text';
import { isSendEnabled } from '../../lib/platforms/insert/send-state';
import { strategiesFor } from '../../lib/platforms/insert/strategies';

function editor(html: string): HTMLElement {
  document.body.innerHTML = `<div id="ed" contenteditable="true" role="textbox">${html}</div><p id="outside">outside</p>`;
  return document.getElementById('ed')!;
}

function rangeAt(node: Node, offset: number): Range {
  const range = document.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  return range;
}

describe('isRangeInside', () => {
  it('accepts a range inside the editor only while it is on the page', () => {
    const ed = editor('<span>Hello there</span>');
    const text = ed.querySelector('span')!.firstChild!;
    expect(isRangeInside(rangeAt(text, 6), ed)).toBe(true);
    expect(isRangeInside(rangeAt(document.getElementById('outside')!.firstChild!, 1), ed)).toBe(false);
    expect(isRangeInside(null, ed)).toBe(false);
    const detached = document.createTextNode('gone');
    expect(isRangeInside(rangeAt(detached, 1), ed)).toBe(false);
  });
});

describe('edgePosition', () => {
  it('lands inside the first / last text node', () => {
    const ed = editor('<div><span>one</span></div><div><span>two</span><br></div>');
    const end = edgePosition(ed, 'end');
    expect(end.node.textContent).toBe('two');
    expect(end.offset).toBe(3);
    const start = edgePosition(ed, 'start');
    expect([start.node.textContent, start.offset]).toEqual(['one', 0]);
  });

  it('falls back to the element in an empty editor', () => {
    const ed = editor('<p><br></p>');
    expect(edgePosition(ed, 'end')).toEqual({ node: ed, offset: 1 });
  });
});

describe('caretRangeFor', () => {
  it('caret: prefers the saved range, then the live one, then the end', () => {
    const ed = editor('<span>Hello there</span>');
    const text = ed.querySelector('span')!.firstChild!;
    const saved = rangeAt(text, 6);
    const live = rangeAt(text, 2);
    expect(caretRangeFor(ed, 'caret', saved, live).startOffset).toBe(6);
    expect(caretRangeFor(ed, 'caret', null, live).startOffset).toBe(2);
    const atEnd = caretRangeFor(ed, 'caret', rangeAt(document.createTextNode('x'), 0), null);
    expect([atEnd.startContainer, atEnd.startOffset, atEnd.collapsed]).toEqual([text, 11, true]);
  });

  it('caret: a saved range is a copy, so later selection changes do not move it', () => {
    const ed = editor('<span>Hello</span>');
    const saved = rangeAt(ed.querySelector('span')!.firstChild!, 3);
    expect(caretRangeFor(ed, 'caret', saved, null)).not.toBe(saved);
  });

  it('replace: spans the whole content whatever was saved', () => {
    const ed = editor('<div><span>one</span></div><div><span>two</span></div>');
    const range = caretRangeFor(ed, 'replace', rangeAt(ed.querySelector('span')!.firstChild!, 1), null);
    expect(range.toString()).toBe('onetwo');
  });
});

describe('textSelectionFor', () => {
  it.each([
    ['replace selects everything', 10, 'replace', { start: 2, end: 2 }, null, { start: 0, end: 10 }],
    ['saved selection wins', 10, 'caret', { start: 3, end: 5 }, { start: 1, end: 1 }, { start: 3, end: 5 }],
    ['out-of-range saved falls back to the live one', 4, 'caret', { start: 3, end: 9 }, { start: 1, end: 1 }, { start: 1, end: 1 }],
    ['nothing known: the end', 7, 'caret', null, null, { start: 7, end: 7 }],
  ] as const)('%s', (_label, length, mode, saved, current, expected) => {
    expect(textSelectionFor(length, mode, saved, current)).toEqual(expected);
  });
});

describe('readEditorText', () => {
  it('reads emoji images by alt, <br> and blocks as line breaks', () => {
    const ed = editor('<div><span>Hi </span><img alt="👋" src="x.png"></div><div><span>a</span><br><span>b</span></div>');
    expect(readEditorText(ed)).toBe('\nHi 👋\n\na\nb\n');
  });

  it('reads a textarea by its value', () => {
    document.body.innerHTML = '<textarea></textarea>';
    const area = document.querySelector('textarea')!;
    area.value = 'typed\ntext';
    expect(readEditorText(area)).toBe('typed\ntext');
  });
});

describe('isSendEnabled', () => {
  it('reads aria-disabled and disabled; null when there is no button on the page', () => {
    document.body.innerHTML = '<button id="a" aria-disabled="true"></button><button id="b" disabled></button><div id="c" role="button" aria-disabled="false"></div>';
    expect(isSendEnabled(document.getElementById('a'))).toBe(false);
    expect(isSendEnabled(document.getElementById('b'))).toBe(false);
    expect(isSendEnabled(document.getElementById('c'))).toBe(true);
    expect(isSendEnabled(null)).toBeNull();
    expect(isSendEnabled(document.createElement('button'))).toBeNull();
  });
});

describe('strategiesFor', () => {
  const names = (...args: Parameters<typeof strategiesFor>): string[] => strategiesFor(...args).map((s) => s.name);
  it.each([
    ['draft', 'a\nb', ['paste-event']],
    ['draft', 'one line', ['paste-event', 'execCommand-insertText']],
    ['textarea', 'a\nb', ['execCommand-insertText', 'native-value-setter']],
    ['lexical', 'a\nb', ['paste-event', 'line-by-line']],
    ['lexical', 'one line', ['execCommand-insertText', 'paste-event']],
    ['contenteditable', 'a\r\nb', ['paste-event', 'line-by-line']],
  ] as const)('%s, %j → %j', (kind, text, expected) => {
    expect(names(kind, text)).toEqual(expected);
  });
});

describe('trackComposerCaret', () => {
  it('keeps the last caret inside a composer when the selection moves elsewhere', () => {
    const ed = editor('<span>Hello there</span>');
    const controller = new AbortController();
    const tracker = trackComposerCaret(document, (el) => el.id === 'ed', controller.signal);
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(rangeAt(ed.querySelector('span')!.firstChild!, 6));
    document.dispatchEvent(new Event('selectionchange'));
    selection.removeAllRanges();
    selection.addRange(rangeAt(document.getElementById('outside')!.firstChild!, 2));
    document.dispatchEvent(new Event('selectionchange'));
    expect(tracker.lastComposer()).toBe(ed);
    expect(tracker.lastRange()?.startOffset).toBe(6);
    controller.abort();
  });

  it('keeps a textarea caret as offsets when it loses focus', () => {
    document.body.innerHTML = '<textarea id="chat"></textarea><input id="panel">';
    const area = document.querySelector('textarea')!;
    const controller = new AbortController();
    const tracker = trackComposerCaret(document, (el) => el.id === 'chat', controller.signal);
    area.value = 'Hello there';
    area.focus();
    area.setSelectionRange(6, 6);
    area.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    expect(tracker.lastTextSelection()).toEqual({ start: 6, end: 6 });
    expect(tracker.lastRange()).toBeNull();
    controller.abort();
    area.setSelectionRange(1, 1);
    area.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    expect(tracker.lastTextSelection()).toEqual({ start: 6, end: 6 });
  });
});

function emojiEditor(html: string): HTMLElement {
  document.body.innerHTML = `<div id="ed" contenteditable="true" role="textbox">${html}</div>`;
  return document.getElementById('ed')!;
}

describe('caretRangeFor: a draft that ends with an emoji shown as an image', () => {
  it('caret mode with no saved caret: the reply goes after the trailing emoji', () => {
    const ed = emojiEditor('<p><span>Thanks </span><img alt="👍" src="data:,"></p>');
    const r = caretRangeFor(ed, 'caret', null, null);
    r.insertNode(document.createTextNode('REPLY'));
    expect(readEditorText(ed).trim()).toBe('Thanks 👍REPLY');
  });

  it('replace mode selects the whole draft, trailing emoji included', () => {
    const ed = emojiEditor('<p><span>Thanks </span><img alt="👍" src="data:,"></p>');
    const r = caretRangeFor(ed, 'replace', null, null);
    r.deleteContents();
    expect(readEditorText(ed).trim()).toBe('');
  });
});
