/**
 * The options page's data section (entrypoints/options/DataSection.tsx): with the CSV import's
 * "brand author ids" field left empty, the brand's own configured accounts decide which rows are
 * the brand's (importCsv's default), rather than no one; a backup that would overwrite another
 * brand's row is refused with the reason, before anything is written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { DataSection } from '../../entrypoints/options/DataSection';
import { until } from '../support/render-wait';
import { dump, fixtureText, freshDb } from '../fixtures/db/helpers';
import { applyRestore, parseBackup } from '../../lib/import-export/restore';
import { exportBackup } from '../../lib/import-export/export';
import type { CasesideDb } from '../../lib/db/schema';

const BRAND = 'brand-csv-ui';
let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function pickFile(input: HTMLInputElement, file: File) {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

async function render(db: CasesideDb, brandId: string): Promise<HTMLElement> {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const el = document.createElement('div');
  document.body.append(el);
  const root: Root = createRoot(el);
  cleanup = () => {
    void act(() => root.unmount());
    el.remove();
  };
  await act(async () => root.render(<DataSection db={db} brandId={brandId} />));
  return el;
}

describe('options page: restore', () => {
  it("refuses a brand's backup holding a row stored for another brand, saying why, and writes nothing", async () => {
    const B1 = 'b1a4c2e0-1111-4a5b-9c00-00000000a001';
    const db = freshDb('data-section-restore');
    const fixture = await parseBackup(fixtureText());
    if (!fixture.ok) throw new Error(fixture.error);
    await applyRestore(db, fixture.backup, 'skip');
    const raw = JSON.parse(await (await exportBackup(db, { kind: 'brand', brandId: B1 })).text()) as { tables: { templates: Array<{ id: string }> } };
    raw.tables.templates[0]!.id = 'tpl-0002'; // brand B2's template
    const before = await dump(db);
    const el = await render(db, B1);
    const input = () => el.querySelector<HTMLInputElement>('input[type="file"][accept=".json,application/json"]');
    await until(() => !!input(), 'backup file input');
    await act(async () => pickFile(input()!, new File([JSON.stringify(raw)], 'backup.json', { type: 'application/json' })));
    await until(() => !!el.querySelector('[data-testid="data-message"]'), () => el.textContent ?? '');
    expect(el.querySelector('[data-testid="data-message"]')!.textContent).toMatch(
      /^This file cannot be restored, nothing was changed\. Row "tpl-0002" of templates in the backup belongs to brand "b1a4c2e0-1111-4a5b-9c00-00000000a001", but the stored row with that id belongs to brand "b1a4c2e0-2222-4a5b-9c00-00000000b002"/,
    );
    expect(el.querySelector('[data-testid="restore-plan"]')).toBeNull();
    expect(await dump(db)).toBe(before);
  });
});

describe('options page: CSV import', () => {
  it("with no brand author ids typed, the brand's accounts on the platform write the outgoing rows", async () => {
    const db = freshDb('data-section-csv');
    await db.brands.put({
      id: BRAND, name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'x', handle: '@acme_support' }], signature: '',
      tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
    });
    // An export that marks every message as received, with who wrote it in its own column.
    const csv = [
      'conversation,customer,direction,time,text,author',
      'c1,ann,in,2024-03-01T10:00:00Z,Where is my order?,ann',
      'c1,ann,in,2024-03-01T10:05:00Z,Checking now,acme_support',
    ].join('\n');

    const el = await render(db, BRAND);
    const input = () => el.querySelector<HTMLInputElement>('input[type="file"][accept=".csv,text/csv"]');
    await until(() => !!input(), 'CSV file input');
    await act(async () => pickFile(input()!, new File([csv], 'export.csv', { type: 'text/csv' })));
    await until(() => !!el.querySelector('[data-testid="csv-preview"] button.primary'), () => el.textContent ?? '');
    const authors = el.querySelector<HTMLInputElement>('[data-testid="csv-preview"] input[aria-label="Brand author ids"]')!;
    expect(authors.value).toBe('');
    await act(async () => el.querySelector<HTMLButtonElement>('[data-testid="csv-preview"] button.primary')!.click());
    await until(() => /Imported/.test(el.querySelector('[data-testid="data-message"]')?.textContent ?? ''), () => el.textContent ?? '');

    expect(await db.messages.count()).toBe(2);
    const reply = (await db.messages.filter((m) => m.text === 'Checking now').first())!;
    expect(reply.direction).toBe('out');
    expect((await db.messages.filter((m) => m.text === 'Where is my order?').first())!.direction).toBe('in');
  });
});
