/**
 * What the panel says when an insert fails (lib/panel/insert.ts): the failure's code in the
 * interface language, never the content script's English reason.
 *
 * The clipboard fallback from the panel (lib/panel/insert.ts): the content script's copy runs in
 * the platform page, which may have neither the focus nor the user activation of the click (that
 * happened in the panel's frame). When the page could not copy, or did not answer, the panel copies
 * the reply itself; when that fails too it says so and shows the reply to copy by hand.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InsertOutcome } from '../../lib/platforms/insert/outcome';

const outcome = vi.hoisted(() => ({ next: null as InsertOutcome | Error | null }));
vi.mock('../../lib/panel/connection', () => ({
  insertIntoComposer: async () => {
    if (outcome.next instanceof Error) throw outcome.next;
    return outcome.next;
  },
}));

const { insertAndReport } = await import('../../lib/panel/insert');
const { usePanelStore } = await import('../../lib/store/panel-store');
const { setLocale } = await import('../../lib/i18n');

const REPLY = 'Hola Ana,\nya está resuelto.';
const notice = () => usePanelStore.getState().notice as { kind: string; text: string; copyText?: string } | null;
const doc = document as unknown as { execCommand?: (command: string) => boolean };
let writeText: ReturnType<typeof vi.fn>;
let board: string | null;

function clipboardRefuses(refuses: boolean) {
  writeText = vi.fn(async (text: string) => {
    if (refuses) throw new DOMException('Document is not focused.', 'NotAllowedError');
    board = text;
  });
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
}

/** The copy command: allowed (the click's user activation) or refused. */
function copyCommand(allowed: boolean) {
  doc.execCommand = vi.fn((command: string) => {
    if (command !== 'copy' || !allowed) return false;
    const data = new DataTransfer();
    const e = new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true });
    (document.activeElement ?? document.body).dispatchEvent(e);
    board = data.getData('text/plain');
    return true;
  });
}

beforeEach(() => {
  board = null;
  usePanelStore.getState().notify(null);
  clipboardRefuses(false);
  copyCommand(false);
});
afterEach(() => {
  setLocale('en');
  delete (navigator as unknown as { clipboard?: unknown }).clipboard;
  delete doc.execCommand;
});

const failed = (code: InsertOutcome extends infer O ? (O extends { ok: false; code: infer C } ? C : never) : never, copiedToClipboard = false): InsertOutcome => ({
  ok: false,
  code,
  reason: 'technical detail',
  copiedToClipboard,
});

describe('insert failed: the reply on the clipboard', () => {
  it('the page could not copy: the panel copies it, and says so', async () => {
    outcome.next = failed('rejected');
    expect(await insertAndReport(REPLY)).toBe(false);
    expect(writeText).toHaveBeenCalledWith(REPLY);
    expect(board).toBe(REPLY);
    expect(notice()?.text).toBe('Could not insert: the reply box did not accept the text. The reply was copied — paste it with Ctrl+V.');
  });

  it('the page did not answer at all: the panel still copies it', async () => {
    outcome.next = new Error('Could not establish connection. Receiving end does not exist.');
    await insertAndReport(REPLY);
    expect(board).toBe(REPLY);
    expect(notice()?.text).toBe('Could not insert: the page did not answer. Reload it and try again. The reply was copied — paste it with Ctrl+V.');
  });

  it('the panel has lost the focus (the Clipboard API refuses): a selection copy in the panel, with the click\'s activation', async () => {
    clipboardRefuses(true);
    copyCommand(true);
    outcome.next = failed('no-composer');
    await insertAndReport(REPLY);
    expect(board).toBe(REPLY);
    expect(notice()?.text).toContain('The reply was copied');
  });

  it('nothing could copy it: says so honestly and shows the reply to copy by hand', async () => {
    clipboardRefuses(true);
    copyCommand(false);
    outcome.next = failed('partial');
    await insertAndReport(REPLY);
    expect(board).toBeNull();
    expect(notice()).toMatchObject({
      kind: 'error',
      text: 'Could not insert: the reply box changed but does not hold the whole reply; fix the draft by hand. It could not be copied either: select the reply below and copy it yourself.',
      copyText: REPLY,
    });
    expect(notice()?.text).not.toContain('was copied');
  });

  it('the page already copied it: not copied twice', async () => {
    outcome.next = failed('gone', true);
    await insertAndReport(REPLY);
    expect(writeText).not.toHaveBeenCalled();
    expect(notice()?.text).toContain('The reply was copied');
  });

  it('a reply refused for another conversation or account, or never tried, is not copied', async () => {
    for (const code of ['other-conversation', 'other-account', 'busy', 'empty', 'aborted'] as const) {
      outcome.next = failed(code);
      await insertAndReport(REPLY);
      expect(notice()?.copyText).toBeUndefined();
      expect(notice()?.text).not.toContain('copied');
    }
    expect(writeText).not.toHaveBeenCalled();
    expect(board).toBeNull();
  });
});

describe('insertAndReport', () => {
  it('says why an insert failed in the interface language, with the copy-paste fallback', async () => {
    // The panel's own copy fails too.
    clipboardRefuses(true);
    outcome.next = { ok: false, code: 'no-composer', reason: 'No reply box is open on this page. Open the reply box, then insert again.', copiedToClipboard: true };
    expect(await insertAndReport('Hola Ana')).toBe(false);
    expect(notice()?.text).toBe('Could not insert: no reply box is open on this page. Open the reply box, then insert again. The reply was copied — paste it with Ctrl+V.');

    setLocale('es');
    expect(await insertAndReport('Hola Ana')).toBe(false);
    expect(notice()?.text).toBe('No se pudo insertar: no hay ningún cuadro de respuesta abierto en esta página. Ábrelo e inserta de nuevo. La respuesta se ha copiado: pégala con Ctrl+V.');

    outcome.next = { ok: false, code: 'partial', reason: 'the editor changed but does not hold the reply as given (draft-js); fix the draft by hand', copiedToClipboard: false };
    await insertAndReport('Hola Ana');
    expect(notice()?.text).toBe('No se pudo insertar: el cuadro de respuesta cambió pero no contiene la respuesta completa; corrige el borrador a mano. Tampoco se pudo copiar: selecciona la respuesta de abajo y cópiala tú.');
    expect(notice()?.text).not.toContain('draft-js');

    outcome.next = new Error('Could not establish connection. Receiving end does not exist.');
    await insertAndReport('Hola Ana');
    expect(notice()?.text).toBe('No se pudo insertar: la página no respondió. Recárgala e inténtalo de nuevo. Tampoco se pudo copiar: selecciona la respuesta de abajo y cópiala tú.');
  });

  it('says it was inserted', async () => {
    outcome.next = { ok: true, strategy: 'beforeinput', sendEnabled: true };
    expect(await insertAndReport('Hi Ana')).toBe(true);
    expect(notice()?.text).toMatch(/insert/i);
  });
});
