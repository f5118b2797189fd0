/**
 * The clipboard fallback (lib/platforms/insert/clipboard.ts): in the platform's page only the
 * Clipboard API (the reply never enters the page's DOM, whose `copy` listeners could swap what is
 * copied), in the extension's own pages a selection copy as well; and "copied" only when it was.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyBySelection, copyToClipboard } from '../../lib/platforms/insert/clipboard';

type ExecCommand = (command: string) => boolean;
const doc = document as unknown as { execCommand?: ExecCommand };

function stubClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn(writeText) }, configurable: true });
  return navigator.clipboard.writeText as ReturnType<typeof vi.fn>;
}

/** A browser's copy command: a `copy` event at the selection, whose clipboardData goes on the clipboard. */
function stubCopyCommand({ allowed = true, firesEvent = true } = {}) {
  const board: { text: string | null } = { text: null };
  doc.execCommand = vi.fn((command: string) => {
    if (command !== 'copy' || !allowed) return false;
    if (!firesEvent) return true;
    const data = new DataTransfer();
    const e = new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(e);
    const selected = target instanceof HTMLTextAreaElement ? target.value.slice(target.selectionStart, target.selectionEnd) : '';
    board.text = e.defaultPrevented ? data.getData('text/plain') : selected;
    return true;
  });
  return board;
}

afterEach(() => {
  delete (navigator as unknown as { clipboard?: unknown }).clipboard;
  delete doc.execCommand;
  document.body.innerHTML = '';
});

describe('copyToClipboard in the platform page (content script)', () => {
  it('copies with the Clipboard API', async () => {
    const writeText = stubClipboard(async () => undefined);
    expect(await copyToClipboard('Hola Ana', document)).toBe(true);
    expect(writeText).toHaveBeenCalledWith('Hola Ana');
  });

  it('when the Clipboard API refuses (the page has no focus or no activation), says so and puts nothing into the page', async () => {
    stubClipboard(async () => {
      throw new DOMException('Document is not focused.', 'NotAllowedError');
    });
    const board = stubCopyCommand();
    const added: Node[] = [];
    const observer = new MutationObserver((records) => records.forEach((r) => added.push(...r.addedNodes)));
    observer.observe(document, { childList: true, subtree: true });
    const pageCopy = vi.fn();
    document.addEventListener('copy', pageCopy);

    expect(await copyToClipboard('Private reply for Ana', document)).toBe(false);
    await Promise.resolve();
    observer.disconnect();
    document.removeEventListener('copy', pageCopy);
    expect(added).toEqual([]);
    expect(doc.execCommand).not.toHaveBeenCalled();
    expect(pageCopy).not.toHaveBeenCalled();
    expect(board.text).toBeNull();
  });
});

describe('copyToClipboard in the panel (bySelection)', () => {
  it('falls back to a selection copy that carries exactly the text, and cleans up after itself', async () => {
    stubClipboard(async () => {
      throw new DOMException('Document is not focused.', 'NotAllowedError');
    });
    const board = stubCopyCommand();
    const search = document.body.appendChild(document.createElement('input'));
    search.focus();
    expect(await copyToClipboard('Hola Ana\nUn saludo', document, { bySelection: true })).toBe(true);
    expect(board.text).toBe('Hola Ana\nUn saludo');
    expect(document.querySelectorAll('textarea')).toHaveLength(0);
    expect(document.activeElement).toBe(search);
  });

  it('is not "copied" when the browser refuses the copy command or runs it without copying', () => {
    stubCopyCommand({ allowed: false });
    expect(copyBySelection('Hola Ana', document)).toBe(false);
    stubCopyCommand({ firesEvent: false });
    expect(copyBySelection('Hola Ana', document)).toBe(false);
    delete doc.execCommand;
    expect(copyBySelection('Hola Ana', document)).toBe(false);
    expect(document.querySelectorAll('textarea')).toHaveLength(0);
  });
});
