/**
 * What the panel's Track form says when "track this conversation" fails: the background's own
 * reason when it refused (another brand already tracks the thread), in the interface language;
 * the generic "reload and try again" only when the background could not be reached or gave no
 * reason.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { usePanelStore } from '../../lib/store/panel-store';
import { setLocale, t } from '../../lib/i18n';
import { TrackForm } from '../../entrypoints/panel/TrackForm';
import { danaDm } from '../support/dm-snapshot';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

// The background's answer to "panel/track", set per test (a value, or an Error to throw).
const answer = vi.hoisted(() => ({ next: undefined as unknown, asked: [] as string[] }));
vi.mock(import('../../lib/panel/connection'), async (original) => ({
  ...(await original()),
  trackConversation: async (brandId: string) => {
    answer.asked.push(brandId);
    if (answer.next instanceof Error) throw answer.next;
    return answer.next;
  },
}));

const { render } = reactRoot();
let db: CasesideDb;
let brandId: string;

beforeEach(async () => {
  db = createDb(`t-${crypto.randomUUID()}`);
  brandId = (await saveBrand(db, { name: 'Bolt', referencePrefix: 'BOLT', accounts: [], signature: '' })).id;
  answer.next = undefined;
  answer.asked = [];
  usePanelStore.getState().notify(null);
});
afterEach(async () => {
  setLocale('en');
  await db.delete();
});

const notice = () => usePanelStore.getState().notice;

/** Renders the form, waits for its brand list and presses Track; resolves once the answer is handled. */
async function track(): Promise<void> {
  const el = render(<TrackForm db={db} reason="No brand lists this account." snapshot={danaDm()} />);
  await until(() => el.querySelector('option') !== null, 'the brand list');
  const button = el.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  await act(async () => button.click());
  await until(() => answer.asked.length === 1 && button.getAttribute('aria-busy') === 'false', 'the answer handled');
  await tick();
}

it("shows the background's reason when it refuses, not the generic notice", async () => {
  setLocale('es');
  const reason = t('record.trackedByOther', { brand: 'Acme' });
  answer.next = { error: 'panel: the conversation is tracked under Acme', message: reason };
  await track();
  expect(answer.asked).toEqual([brandId]);
  expect(notice()).toEqual({ kind: 'error', text: reason });
  expect(notice()!.text).not.toBe(t('panel.trackFailed'));
});

it('keeps the generic notice when the background cannot be reached', async () => {
  answer.next = new Error('Could not establish connection. Receiving end does not exist.');
  await track();
  expect(notice()).toEqual({ kind: 'error', text: t('panel.trackFailed') });
});

it('keeps the generic notice when a refusal carries no message (its error is a log line, never shown)', async () => {
  for (const message of ['', '   ', 42, null, undefined]) {
    usePanelStore.getState().notify(null);
    answer.next = { error: 'panel: unknown brand', message };
    answer.asked = [];
    await track();
    expect(notice(), String(message)).toEqual({ kind: 'error', text: t('panel.trackFailed') });
  }
});

it('says nothing when the conversation is recorded', async () => {
  answer.next = { ok: true };
  await track();
  expect(notice()).toBeNull();
});
