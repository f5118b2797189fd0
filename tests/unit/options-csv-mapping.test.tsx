/**
 * Options → Your data → Import past conversations: a generic CSV imports only once each field has
 * its column; until then Import is disabled and the page says which fields are missing (before,
 * Import ran and every row failed with column "").
 */
import { describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { DataSection } from '../../entrypoints/options/DataSection';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';
import { freshDb } from '../fixtures/db/helpers';

const { render } = reactRoot();

function pickFile(input: HTMLInputElement, file: File) {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
function choose(select: HTMLSelectElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(select, value);
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

// Headers no guess recognises: the agent maps them.
const CSV = ['thread,who,dir,stamp,body', 't1,ann,in,2025-05-01T10:00:00Z,Where is my order?', 't1,ann,out,2025-05-01T10:05:00Z,Checking now'].join('\n');

describe('CSV import: the generic layout', () => {
  it('keeps Import disabled, naming the fields without a column, until each has one; then imports', async () => {
    const db = freshDb('csv-mapping-ui');
    await db.brands.put({
      id: 'b-acme', name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '',
      tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
    });
    const el = render(<DataSection db={db} brandId="b-acme" />);
    const input = () => el.querySelector<HTMLInputElement>('input[type="file"][accept=".csv,text/csv"]');
    await until(() => !!input(), 'CSV input');
    await act(async () => pickFile(input()!, new File([CSV], 'helpdesk.csv', { type: 'text/csv' })));
    await until(() => !!el.querySelector('[data-testid="csv-preview"]'), () => el.textContent ?? '');
    const importButton = () => el.querySelector<HTMLButtonElement>('[data-testid="csv-preview"] button.primary')!;

    await act(async () => choose(el.querySelector<HTMLSelectElement>('select[aria-label="CSV layout"]')!, 'generic'));
    await until(() => !!el.querySelector('[data-testid="csv-unmapped"]'), () => el.textContent ?? '');
    expect(importButton().disabled).toBe(true);
    expect(el.querySelector('[data-testid="csv-unmapped"]')?.textContent).toMatch(/^Choose the column for: .+, .+, .+, .+, .+\.$/);

    const columnSelects = () => [...el.querySelectorAll<HTMLSelectElement>('select[aria-label^="Column for"]')];
    const columns = ['thread', 'who', 'dir', 'stamp', 'body'];
    for (const [i, column] of columns.entries()) {
      await act(async () => choose(columnSelects()[i]!, column));
      await until(() => columnSelects()[i]!.value === column, `column ${column}`);
      if (i < columns.length - 1) expect(importButton().disabled).toBe(true);
    }
    await until(() => !el.querySelector('[data-testid="csv-unmapped"]'), () => el.textContent ?? '');
    expect(importButton().disabled).toBe(false);
    await act(async () => importButton().click());
    await vi.waitFor(async () => expect(await db.messages.count()).toBe(2));
  });
});
