/**
 * The options page's knowledge-base list with a brand of many captured pages: the newest page
 * of rows first, read from the [brandId+capturedAt] index (not every page with its HTML), "Show
 * more" reads the next page, pages kept in a customer's history are never listed, and a search
 * lists matches from the whole knowledge base.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { until } from '../support/render-wait';
import { createRoot, type Root } from 'react-dom/client';
import { KnowledgeSection, KB_PAGE } from '../../entrypoints/options/KnowledgeSection';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import type { KbArticle } from '../../lib/db/records';
import { listArticlesPage } from '../../lib/db/repositories/kb';

let db: CasesideDb;
let root: Root | undefined;
afterEach(async () => {
  if (root) act(() => root!.unmount());
  root = undefined;
  await db.delete();
});

const page = (i: number, customerId: string | null = null, brandId = 'b-acme'): KbArticle => ({
  id: `kb-${brandId}-${customerId ?? 'kb'}-${i}`,
  brandId,
  url: `https://help.acme.example/${customerId ?? 'kb'}/${i}`,
  title: `Article ${i}${i % 10 === 0 ? ' refunds' : ''}`,
  excerpt: `Excerpt ${i}`,
  text: `Text of article ${i}.`,
  html: `<p>Text of article ${i}.</p>`,
  capturedAt: 1_700_000_000_000 + i * 1000,
  customerId,
});


describe('knowledge-base list', () => {
  it('reads the newest pages a page at a time, never a customer\'s page or another brand\'s', async () => {
    db = createDb(`kb-${crypto.randomUUID()}`);
    await db.kbArticles.bulkAdd([
      ...Array.from({ length: 7 }, (_, i) => page(i)),
      page(100, 'c-1'),
      page(101, null, 'b-other'),
    ]);
    const first = await listArticlesPage(db, 'b-acme', 3);
    expect(first.articles.map((a) => a.title)).toEqual(['Article 6', 'Article 5', 'Article 4']);
    expect(first.more).toBe(true);
    const all = await listArticlesPage(db, 'b-acme', 7);
    expect(all.articles).toHaveLength(7);
    expect(all.more).toBe(false);
    expect((await listArticlesPage(db, 'b-none', 3)).articles).toEqual([]);
  });

  it('shows the newest KB_PAGE pages, more on request, and searches the whole knowledge base', async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    db = createDb(`kb-${crypto.randomUUID()}`);
    const n = 2 * KB_PAGE + 7;
    await db.kbArticles.bulkAdd([...Array.from({ length: n }, (_, i) => page(i)), page(999, 'c-1')]);
    // The list must not read the whole knowledge base (the old list read every page).
    const scans = vi.spyOn(db.kbArticles, 'where');
    const el = document.createElement('div');
    document.body.append(el);
    root = createRoot(el);
    await act(async () => root!.render(<KnowledgeSection db={db} brandId="b-acme" />));
    const titles = () => [...el.querySelectorAll<HTMLInputElement>('[data-testid="kb-row"] input')].map((x) => x.value);
    const more = () => el.querySelector<HTMLElement>('[data-testid="kb-more"]');
    await until(() => titles().length > 0, 'rows');

    expect(titles()).toHaveLength(KB_PAGE);
    expect(titles()[0]).toBe(`Article ${n - 1}`);
    expect(scans.mock.calls.map(([index]) => index as unknown)).not.toContain('brandId');
    scans.mockRestore();
    expect(more()?.textContent).toContain(`Showing the newest ${KB_PAGE}`);
    await act(async () => more()!.querySelector('button')!.click());
    await until(() => titles().length === 2 * KB_PAGE, 'the second page');
    await act(async () => more()!.querySelector('button')!.click());
    await until(() => titles().length === n, 'all pages');
    expect(more()).toBeNull();
    expect(titles()).not.toContain('Article 999');

    // A search lists matches from the whole knowledge base, the oldest included.
    const search = el.querySelector<HTMLInputElement>('input[type="search"]')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(search, 'refunds');
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await until(() => titles().length === Math.ceil(n / 10), 'search results');
    expect(titles()).toContain('Article 0 refunds');
    expect(more()).toBeNull();
  });
});
