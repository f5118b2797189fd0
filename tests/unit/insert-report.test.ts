/**
 * What the panel says when an insert fails (lib/panel/insert.ts): the failure's code in the
 * interface language, never the content script's English reason.
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

const lastNotice = () => usePanelStore.getState().notice?.text;

// The panel's own copy fails too (tests/unit/insert-copy.test.ts covers it succeeding).
beforeEach(() => {
  const writeText = async () => {
    throw new DOMException('Document is not focused.', 'NotAllowedError');
  };
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(() => {
  setLocale('en');
  delete (navigator as unknown as { clipboard?: unknown }).clipboard;
});

describe('insertAndReport', () => {
  it('says why an insert failed in the interface language, with the copy-paste fallback', async () => {
    outcome.next = { ok: false, code: 'no-composer', reason: 'No reply box is open on this page. Open the reply box, then insert again.', copiedToClipboard: true };
    expect(await insertAndReport('Hola Ana')).toBe(false);
    expect(lastNotice()).toBe('Could not insert: no reply box is open on this page. Open the reply box, then insert again. The reply was copied — paste it with Ctrl+V.');

    setLocale('es');
    expect(await insertAndReport('Hola Ana')).toBe(false);
    expect(lastNotice()).toBe('No se pudo insertar: no hay ningún cuadro de respuesta abierto en esta página. Ábrelo e inserta de nuevo. La respuesta se ha copiado: pégala con Ctrl+V.');

    outcome.next = { ok: false, code: 'partial', reason: 'the editor changed but does not hold the reply as given (draft-js); fix the draft by hand', copiedToClipboard: false };
    await insertAndReport('Hola Ana');
    expect(lastNotice()).toBe('No se pudo insertar: el cuadro de respuesta cambió pero no contiene la respuesta completa; corrige el borrador a mano. Tampoco se pudo copiar: selecciona la respuesta de abajo y cópiala tú.');
    expect(lastNotice()).not.toContain('draft-js');

    outcome.next = new Error('Could not establish connection. Receiving end does not exist.');
    await insertAndReport('Hola Ana');
    expect(lastNotice()).toBe('No se pudo insertar: la página no respondió. Recárgala e inténtalo de nuevo. Tampoco se pudo copiar: selecciona la respuesta de abajo y cópiala tú.');
  });

  it('says it was inserted', async () => {
    outcome.next = { ok: true, strategy: 'beforeinput', sendEnabled: true };
    expect(await insertAndReport('Hi Ana')).toBe(true);
    expect(lastNotice()).toMatch(/insert/i);
  });
});
