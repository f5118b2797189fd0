/**
 * Options → Your data: the messages after a backup and a restore give sizes and counts in the
 * browser's style, with the singular for one ("1 added", "1 añadido").
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { DataSection } from '../../entrypoints/options/DataSection';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';
import { freshDb, freshDbWithBrand, seed } from '../fixtures/db/helpers';
import { openCase } from '../../lib/db/repositories/cases';
import type { CasesideDb } from '../../lib/db/schema';
import { exportBackup } from '../../lib/import-export/export';
import { formatBytes, setLocale } from '../../lib/i18n';

vi.mock('../../lib/panel/download', () => ({ downloadBlob: vi.fn(), stamp: () => 'stamp' }));

const B1 = 'b1a4c2e0-1111-4a5b-9c00-00000000a001';
const { render } = reactRoot();
afterEach(() => setLocale('en'));

const messageOf = (el: HTMLElement) => el.querySelector('[data-testid="data-message"]')?.textContent ?? '';
const button = (el: HTMLElement, label: string) => [...el.querySelectorAll('button')].find((b) => b.textContent === label);

/** The options page's Data section with `file` chosen as the backup to restore (its plan shown next). */
async function chooseBackup(db: CasesideDb, file: string): Promise<HTMLElement> {
  const el = render(<DataSection db={db} brandId={null} />);
  const input = () => el.querySelector<HTMLInputElement>('input[type="file"][accept=".json,application/json"]');
  await until(() => !!input(), 'backup input');
  await act(async () => {
    Object.defineProperty(input()!, 'files', { value: [new File([file], 'backup.json', { type: 'application/json' })], configurable: true });
    input()!.dispatchEvent(new Event('change', { bubbles: true }));
  });
  return el;
}

describe('options page: data messages', () => {
  it('says the backup size with formatBytes', async () => {
    const db = freshDb('backup-size');
    await seed(db);
    const { downloadBlob } = await import('../../lib/panel/download');
    const el = render(<DataSection db={db} brandId={B1} />);
    await until(() => !!button(el, 'Export everything'), () => el.textContent ?? '');
    await act(async () => button(el, 'Export everything')!.click());
    await until(() => /^Backup saved/.test(messageOf(el)), () => el.textContent ?? '');
    const blob = vi.mocked(downloadBlob).mock.calls[0]![0];
    expect(messageOf(el)).toBe(`Backup saved (${formatBytes(blob.size)}).`);
  });

  it('says what a restore did with singular and plural, in English and Spanish', async () => {
    const source = freshDb('restore-counts-src');
    await seed(source);
    const file = await (await exportBackup(source, { kind: 'all' })).text();
    for (const locale of ['en', 'es'] as const) {
      setLocale(locale);
      const db = freshDb(`restore-counts-${locale}`);
      await seed(db);
      const first = (await db.messages.toCollection().first())!;
      await db.messages.delete(first.id);
      const el = render(<DataSection key={locale} db={db} brandId={null} />);
      const input = () => el.querySelector<HTMLInputElement>('input[type="file"][accept=".json,application/json"]');
      await until(() => !!input(), 'backup input');
      await act(async () => {
        Object.defineProperty(input()!, 'files', { value: [new File([file], 'backup.json', { type: 'application/json' })], configurable: true });
        input()!.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await until(() => !!el.querySelector('[data-testid="restore-plan"] button.primary'), () => el.textContent ?? '');
      await act(async () => el.querySelector<HTMLButtonElement>('[data-testid="restore-plan"] button.primary')!.click());
      await until(() => /^(Restored|Restaurado):/.test(messageOf(el)), () => `[${locale}] [${messageOf(el)}] ${el.textContent}`);
      // keep-newer: the deleted message comes back; everything else is kept as it was.
      expect(messageOf(el)).toMatch(
        locale === 'en' ? /^Restored: 1 added, 0 replaced, \d+ kept as they were\.$/ : /^Restaurado: 1 añadido, 0 reemplazados, \d+ sin cambios\.$/,
      );
    }
  });

  it('says which stored row stops an export (as exportBackup does), not a generic "could not save"', async () => {
    const db = await freshDbWithBrand('export-refused', { id: 'b1', name: 'Acme', referencePrefix: 'ACME' });
    // A row the strict backup schema refuses (an empty template title), stored by older code.
    await db.templates.put({ id: 'tpl-bad', brandId: 'b1', title: '', body: 'x', tags: [], language: 'en', useCount: 0, createdAt: 0, updatedAt: 0 });
    const libError = await exportBackup(db, { kind: 'all' }).then(() => '', (e: Error) => e.message);
    expect(libError).toMatch(/^Cannot export: stored .* row "tpl-bad" is invalid/);

    const el = render(<DataSection db={db} brandId="b1" />);
    await until(() => !!button(el, 'Export everything'), 'export button');
    await act(async () => button(el, 'Export everything')!.click());
    await until(() => !!messageOf(el), () => el.textContent ?? '');
    expect(messageOf(el)).toBe(libError);
  });

  it('shows, before and after a restore, which case gets a new reference because its own is taken', async () => {
    const setUp = async (label: string) => {
      const db = await freshDbWithBrand(label, { id: 'b1', name: 'Acme', referencePrefix: 'ACME' });
      await db.customers.put({ id: 'c1', brandId: 'b1', displayName: 'Ana', identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] });
      await openCase(db, { brandId: 'b1', customerId: 'c1' }); // ACME-0001, a different case in each store
      return db;
    };
    const file = await (await exportBackup(await setUp('renamed-src'), { kind: 'all' })).text();
    const db: CasesideDb = await setUp('renamed-dst');
    const el = await chooseBackup(db, file);
    await until(() => !!el.querySelector('[data-testid="restore-renamed"]'), () => el.textContent ?? '');
    expect(el.querySelector('[data-testid="restore-renamed"]')!.textContent).toContain('ACME-0001 → ACME-0002');
    await act(async () => el.querySelector<HTMLButtonElement>('[data-testid="restore-plan"] button.primary')!.click());
    await until(() => /^Restored:/.test(messageOf(el)), () => messageOf(el));
    expect(messageOf(el)).toContain('ACME-0001 → ACME-0002');
    expect((await db.cases.toArray()).map((c) => c.reference).sort()).toEqual(['ACME-0001', 'ACME-0002']);
  });
  it('shows, before and after a restore, which customers of the backup are the same person as a stored one', async () => {
    const setUp = async (label: string, customerId: string, name: string) => {
      const db = await freshDbWithBrand(label, { id: 'b1', name: 'Acme', referencePrefix: 'ACME' });
      // The same X account, recorded in two browsers: each drew its own customer id.
      await db.customers.put({ id: customerId, brandId: 'b1', displayName: name, identities: [{ platform: 'x', handle: 'ana_example' }], identityKeys: ['b1|x:ana_example'], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] });
      return db;
    };
    const file = await (await exportBackup(await setUp('merged-src', 'ana-there', 'Ana Example'), { kind: 'all' })).text();
    const db: CasesideDb = await setUp('merged-dst', 'ana-here', 'Ana Example');
    const el = await chooseBackup(db, file);
    await until(() => !!el.querySelector('[data-testid="restore-merged"]'), () => el.textContent ?? '');
    expect(el.querySelector('[data-testid="restore-merged"]')!.textContent).toContain('Ana Example');
    await act(async () => el.querySelector<HTMLButtonElement>('[data-testid="restore-plan"] button.primary')!.click());
    await until(() => /^Restored:/.test(messageOf(el)), () => messageOf(el));
    expect(messageOf(el)).toContain('Already stored under another id');
    expect((await db.customers.toArray()).map((c) => c.id)).toEqual(['ana-here']);
  });
});
