/**
 * A knowledge-base search that finds nothing says so, in a status region (a screen reader hears
 * it), naming what was searched: words no page has ("wifi") and a query of very common words
 * alone ("the and"), which are not searched, both used to empty the list without a word.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { KnowledgeSection } from '../../entrypoints/options/KnowledgeSection';
import { createDb } from '../../lib/db/schema';
import { addArticle } from '../../lib/db/repositories/kb';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';

const { render } = reactRoot();

const page = (i: number, title: string) => ({
  id: `kb-${i}`,
  brandId: 'b-acme',
  url: `https://help.acme.example/${i}`,
  title,
  excerpt: `${title}: the short version`,
  text: `${title}. The whole story of it.`,
  html: `<div><p>${title}.</p></div>`,
  capturedAt: 1_700_000_000_000 + i * 1000,
  customerId: null,
});

function type(input: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('knowledge base: a search with no match', () => {
  it('says that no page matches, naming the words, and says nothing once something matches', async () => {
    const db = createDb(`kb-${crypto.randomUUID()}`);
    await addArticle(db, page(1, 'Refunds for kettles'));
    await addArticle(db, page(2, 'Delivery times'));
    const el = render(<KnowledgeSection db={db} brandId="b-acme" />);
    const rows = () => el.querySelectorAll('[data-testid="kb-row"]').length;
    const status = () => el.querySelector('[role="status"]')?.textContent ?? '';
    await until(() => rows() === 2, () => el.textContent ?? '');
    expect(status()).toBe('');
    const search = el.querySelector<HTMLInputElement>('input[type="search"]')!;

    await act(async () => type(search, 'wifi'));
    await until(() => status() !== '', () => el.textContent ?? '');
    expect(rows()).toBe(0);
    expect(status()).toContain('No page matches “wifi”.');

    // Only words that are never searched: the same, naming them.
    await act(async () => type(search, ' the and '));
    await until(() => status().includes('“the and”'), status);
    expect(rows()).toBe(0);

    await act(async () => type(search, 'kettles'));
    await until(() => rows() === 1, () => el.textContent ?? '');
    expect(status()).toBe('');

    // Cleared: the whole list again, no message.
    await act(async () => type(search, ''));
    await until(() => rows() === 2, () => el.textContent ?? '');
    expect(status()).toBe('');
    await db.delete();
  });
});
