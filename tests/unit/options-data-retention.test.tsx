/**
 * Options → Your data, with a brand that keeps history for a limited time (Northwind Rail in the
 * v1 fixture keeps 12 months):
 * - a CSV import skips, and counts, the messages the next daily clean-up would delete, and says so
 *   in the preview and the result; a restore's plan says how many it would write;
 * - "Apply now" shows what it would delete (read only) and deletes only once confirmed;
 * - file inputs are emptied after reading (Chromium fires no change for the same file again),
 *   and Import is busy while it runs;
 * - a failed read before erasing a customer, or of the brand before an import, says so.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { DataSection } from '../../entrypoints/options/DataSection';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';
import { dump, freshDb, seed, fixtureTables } from '../fixtures/db/helpers';
import { exportBackup } from '../../lib/import-export/export';
import { importCsv } from '../../lib/import-export/csv-import';
import { planRestoreRetention, parseBackup } from '../../lib/import-export/restore';
import { planPruneBrand, pruneBrand, retentionCutoff } from '../../lib/db/retention';
import { runRetention } from '../../lib/background/retention-alarm';
import type { CasesideDb } from '../../lib/db/schema';
import { setLocale } from '../../lib/i18n';

const B1 = 'b1a4c2e0-1111-4a5b-9c00-00000000a001';
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const DAY = 86_400_000;
const { render } = reactRoot();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  setLocale('en');
});

function pickFile(input: HTMLInputElement, file: File) {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
/** Records what the component writes to the input's value (a file input's value cannot be set otherwise). */
function watchValue(input: HTMLInputElement): { value: string } {
  const state = { value: 'C:\\fakepath\\picked' };
  Object.defineProperty(input, 'value', { configurable: true, get: () => state.value, set: (v: string) => (state.value = v) });
  return state;
}
const text = (el: HTMLElement) => el.textContent ?? '';
const messageOf = (el: HTMLElement) => el.querySelector('[data-testid="data-message"]')?.textContent ?? '';
const button = (el: HTMLElement, label: string) => [...el.querySelectorAll('button')].find((b) => b.textContent === label);

async function withBrand(label: string, retentionMonths: number | null): Promise<CasesideDb> {
  const db = freshDb(label);
  await db.brands.put({
    id: 'b-acme', name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'x', handle: 'acme_support' }], signature: '',
    tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths, createdAt: 0,
  });
  return db;
}

const CSV = [
  'conversation,customer,direction,time,text,author',
  'c1,ann,in,2023-01-05T10:00:00Z,Old question,ann',
  'c1,ann,out,2023-01-05T10:05:00Z,Old answer,acme_support',
  'c2,bob,in,2025-05-01T10:00:00Z,New question,bob',
  'c2,bob,out,2025-05-01T10:05:00Z,New answer,acme_support',
].join('\n');

describe('CSV import into a brand with a retention setting', () => {
  it('says so in the preview, skips the rows older than the brand keeps, and counts them in the result', async () => {
    const db = await withBrand('csv-retention-ui', 12);
    const el = render(<DataSection db={db} brandId="b-acme" />);
    const input = () => el.querySelector<HTMLInputElement>('input[type="file"][accept=".csv,text/csv"]');
    await until(() => !!input(), 'CSV input');
    await act(async () => pickFile(input()!, new File([CSV], 'history.csv', { type: 'text/csv' })));
    await until(() => !!el.querySelector('[data-testid="csv-preview"] button.primary'), () => text(el));
    const cutoffDate = new Date(retentionCutoff(NOW, 12)).toLocaleDateString();
    expect(el.querySelector('[data-testid="csv-retention"]')?.textContent).toBe(
      `Acme keeps history from ${cutoffDate} on: messages sent before then will not be imported (the daily clean-up would delete them). To import them, change Keep history under Brands first.`,
    );
    expect(el.querySelectorAll('[data-testid="csv-too-old"]')).toHaveLength(2);

    await act(async () => el.querySelector<HTMLButtonElement>('[data-testid="csv-preview"] button.primary')!.click());
    await until(() => /Imported/.test(messageOf(el)), () => text(el));
    expect(messageOf(el)).toBe(
      `Imported 2 messages in 1 conversation from 1 customer. 2 rows older than this brand keeps (sent before ${cutoffDate}) were not imported.`,
    );
    expect((await db.messages.toArray()).map((m) => m.text).sort()).toEqual(['New answer', 'New question']);
    // The next daily clean-up has nothing of this import to delete.
    expect(await runRetention(db, NOW)).toBe(0);
  });

  it('refuses a file holding only rows older than the brand keeps, saying why; with the option, imports them', async () => {
    const db = await withBrand('csv-retention-all-old', 12);
    const old = CSV.split('\n').slice(0, 3).join('\n');
    const refused = await importCsv(db, { text: old, brandId: 'b-acme', platform: 'x', now: NOW });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/^Nothing imported: all 2 messages in the file were sent before .+, and Acme keeps history only from then on\./) });
    expect(refused.ok || refused.error).not.toContain('{');
    expect(await db.messages.count()).toBe(0);
    const kept = await importCsv(db, { text: old, brandId: 'b-acme', platform: 'x', now: NOW, keepOlderThanRetention: true });
    expect(kept).toMatchObject({ ok: true, messages: 2, olderThanRetention: 0 });
  });

  it('imports everything into a brand that keeps history forever', async () => {
    const db = await withBrand('csv-retention-forever', null);
    const result = await importCsv(db, { text: CSV, brandId: 'b-acme', platform: 'x', now: NOW });
    expect(result).toMatchObject({ ok: true, messages: 4, olderThanRetention: 0, retentionCutoff: null });
  });
});

describe('restore into a brand with a retention setting', () => {
  it('says in the plan how many messages are older than the brand keeps', async () => {
    const source = freshDb('restore-retention-src');
    await seed(source);
    const file = await (await exportBackup(source, { kind: 'brand', brandId: B1 })).text();
    const db = freshDb('restore-retention');
    const parsed = await parseBackup(file);
    if (!parsed.ok) throw new Error(parsed.error);
    // The two Facebook messages of December 2023 (Northwind Rail keeps 12 months).
    expect(await planRestoreRetention(db, parsed.backup, 'keep-newer', NOW)).toEqual([{ brandId: B1, name: 'Northwind Rail', months: 12, messages: 2 }]);

    const el = render(<DataSection db={db} brandId={null} />);
    const input = () => el.querySelector<HTMLInputElement>('input[type="file"][accept=".json,application/json"]');
    await until(() => !!input(), 'backup input');
    await act(async () => pickFile(input()!, new File([file], 'backup.json', { type: 'application/json' })));
    await until(() => !!el.querySelector('[data-testid="restore-retention"]'), () => text(el));
    expect(el.querySelector('[data-testid="restore-retention"]')!.textContent).toMatch(
      /^2 messages of Northwind Rail are older than the brand keeps \(sent before .+\): the daily clean-up will delete them after the restore\./,
    );
  });
});

describe('"Apply now" for retention', () => {
  it('shows what it would delete, deletes nothing until confirmed, and then exactly that', async () => {
    const db = freshDb('apply-now');
    await seed(db);
    const before = await dump(db);
    const el = render(<DataSection db={db} brandId={B1} />);
    await until(() => !!button(el, 'Apply now'), () => text(el));
    await act(async () => button(el, 'Apply now')!.click());
    await until(() => !!el.querySelector('[role="alertdialog"]'), () => text(el));
    const dialog = el.querySelector('[role="alertdialog"]')!;
    expect(dialog.getAttribute('aria-label')).toBe('Confirm applying retention');
    expect(dialog.textContent).toMatch(/^Applying the retention of Northwind Rail now \(everything sent before .+\) deletes: 2 messages, 1 conversation\. This cannot be undone\./);
    expect(document.activeElement?.textContent).toBe('Delete old history');
    expect(await dump(db)).toBe(before);

    await act(async () => button(el, 'Cancel')!.click());
    expect(el.querySelector('[role="alertdialog"]')).toBeNull();
    expect(await dump(db)).toBe(before);

    await act(async () => button(el, 'Apply now')!.click());
    await until(() => !!button(el, 'Delete old history'), () => text(el));
    await act(async () => button(el, 'Delete old history')!.click());
    await until(() => /^Removed/.test(messageOf(el)), () => text(el));
    expect(messageOf(el)).toBe('Removed: 2 messages, 1 conversation.');
    expect(await db.messages.filter((m) => m.brandId === B1 && m.sentAt < retentionCutoff(NOW, 12)).count()).toBe(0);
  });

  it('says there is nothing to delete, without a dialog, when nothing is that old', async () => {
    const db = freshDb('apply-now-nothing');
    await seed(db);
    await pruneBrand(db, B1, NOW);
    const el = render(<DataSection db={db} brandId={B1} />);
    await until(() => !!button(el, 'Apply now'), () => text(el));
    await act(async () => button(el, 'Apply now')!.click());
    await until(() => !!messageOf(el), () => text(el));
    expect(messageOf(el)).toMatch(/^Nothing of Northwind Rail was sent before .+: there is nothing to delete\.$/);
    expect(el.querySelector('[role="alertdialog"]')).toBeNull();
  });

  it('plans exactly what pruneBrand deletes, without writing', async () => {
    const db = freshDb('plan-prune');
    const fx = fixtureTables();
    const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
    const old = fx.messages.find((m) => m.id === `${B1}/x:m:9000000000000000101`)!;
    fx.customers.push({ ...fx.customers[1]!, id: 'c-gone', identityKeys: [`${B1}|x:gone`], firstSeenAt: T0 - 500 * DAY, lastSeenAt: T0 - 500 * DAY });
    fx.conversations.push({ ...fx.conversations[2]!, id: `${B1}/x:c:old1`, nativeId: 'old1', customerId: 'c-gone', lastMessageAt: T0 - 500 * DAY });
    fx.messages.push({ ...old, id: `${B1}/x:m:old1`, nativeId: 'old1', conversationId: `${B1}/x:c:old1`, customerId: 'c-gone', sentAt: T0 - 500 * DAY });
    await seed(db, fx);
    const before = await dump(db);
    for (const at of [T0 + 10 * DAY, T0 + 400 * DAY]) {
      const plan = await planPruneBrand(db, B1, at);
      expect(await dump(db)).toBe(before);
      const copy = freshDb('plan-prune-copy');
      await seed(copy, JSON.parse(before) as ReturnType<typeof fixtureTables>);
      expect(await pruneBrand(copy, B1, at)).toEqual(plan);
    }
    expect(await planPruneBrand(db, B1, T0 + 10 * DAY)).toEqual({ messages: 3, conversations: 2, customers: 1, cutoff: retentionCutoff(T0 + 10 * DAY, 12) });
  });
});

describe('file inputs and busy buttons', () => {
  it('empties the backup input after reading it, so the same file can be picked again after a failure', async () => {
    const db = freshDb('reset-input');
    const el = render(<DataSection db={db} brandId={null} />);
    const input = () => el.querySelector<HTMLInputElement>('input[type="file"][accept=".json,application/json"]');
    await until(() => !!input(), 'backup input');
    const value = watchValue(input()!);
    await act(async () => pickFile(input()!, new File(['{ not json'], 'broken.json', { type: 'application/json' })));
    await until(() => /cannot be restored/.test(messageOf(el)), () => text(el));
    expect(value.value).toBe('');
  });

  it('empties the CSV input after reading it, and marks Import busy while it runs', async () => {
    const db = await withBrand('busy-import', null);
    const el = render(<DataSection db={db} brandId="b-acme" />);
    const input = () => el.querySelector<HTMLInputElement>('input[type="file"][accept=".csv,text/csv"]');
    await until(() => !!input(), 'CSV input');
    const value = watchValue(input()!);
    await act(async () => pickFile(input()!, new File([CSV], 'history.csv', { type: 'text/csv' })));
    await until(() => !!el.querySelector('[data-testid="csv-preview"] button.primary'), () => text(el));
    expect(value.value).toBe('');
    const importButton = el.querySelector<HTMLButtonElement>('[data-testid="csv-preview"] button.primary')!;
    const states: boolean[] = [];
    const observer = new MutationObserver(() => states.push(importButton.disabled));
    observer.observe(importButton, { attributes: true, attributeFilter: ['disabled'] });
    await act(async () => importButton.click());
    await until(() => /Imported/.test(messageOf(el)), () => text(el));
    observer.disconnect();
    expect(states).toContain(true);
  });
});

describe('failures before anything is deleted or imported are said', () => {
  it('erasing a customer whose plan cannot be read', async () => {
    const db = freshDb('erase-plan-fails');
    await seed(db);
    const el = render(<DataSection db={db} brandId={B1} />);
    const search = () => el.querySelector<HTMLInputElement>('input[type="search"]');
    await until(() => !!search(), 'erase search');
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setValue.call(search()!, 'Ada');
      search()!.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await until(() => !!button(el, 'Erase…'), () => text(el));
    vi.spyOn(db, 'transaction').mockImplementationOnce((() => Promise.reject(new Error('The database is blocked'))) as never);
    await act(async () => button(el, 'Erase…')!.click());
    await until(() => !!messageOf(el), () => text(el));
    expect(messageOf(el)).toBe('Could not read what erasing Ada Example would delete, so nothing was erased. The database is blocked');
    expect(el.querySelector('[role="alertdialog"]')).toBeNull();
  });

  it('an import whose brand cannot be read answers with the reason instead of throwing', async () => {
    const db = await withBrand('import-brand-read-fails', null);
    vi.spyOn(db.brands, 'get').mockImplementationOnce((() => Promise.reject(new Error('The database is blocked'))) as never);
    const result = await importCsv(db, { text: CSV, brandId: 'b-acme', platform: 'x', now: NOW });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('The database is blocked') });
  });
});
