import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KbArticle } from '../../lib/db/records';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import {
  addArticle,
  articlesForCustomer,
  bumpKbRevision,
  deleteArticle,
  KB_CHANGES_KEPT,
  kbChangesKey,
  kbChangesSince,
  readKbRevision,
  getArticle,
  listArticles,
  searchArticles,
  updateTitle,
} from '../../lib/db/repositories/kb';

let db: CasesideDb;
let n = 0;
const art = (brandId: string, url: string, title: string, text: string, extra: Partial<KbArticle> = {}): KbArticle => ({
  id: `a-${++n}`,
  brandId,
  url,
  title,
  excerpt: text.slice(0, 60),
  text,
  html: `<p>${text}</p>`,
  capturedAt: 1_700_000_000_000 + n,
  customerId: null,
  ...extra,
});

beforeEach(() => {
  db = createDb(`kb-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('kb repository', () => {
  it('re-capturing a URL replaces the earlier capture and keeps its id', async () => {
    const first = await addArticle(db, art('acme', 'https://help.acme.com/refunds', 'Refunds', 'Refunds take five days.'));
    const again = await addArticle(db, art('acme', 'https://help.acme.com/refunds', 'Refunds (updated)', 'Refunds take three days.'));
    expect(again.id).toBe(first.id);
    const list = await listArticles(db, 'acme');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: first.id, title: 'Refunds (updated)', text: 'Refunds take three days.' });
  });

  it('re-capturing a page under an address that differs only in "www.", a trailing slash or the scheme replaces it too, keeping its id', async () => {
    const first = await addArticle(db, art('acme', 'https://help.acme.example/refunds', 'Refunds', 'Refunds take five days.'));
    const again = await addArticle(db, art('acme', 'https://www.help.acme.example/refunds/', 'Refunds (updated)', 'Refunds take three days.'));
    const third = await addArticle(db, art('acme', 'http://help.acme.example/refunds', 'Refunds (http)', 'Refunds take two days.'));
    expect([again.id, third.id]).toEqual([first.id, first.id]);
    expect(await listArticles(db, 'acme')).toEqual([expect.objectContaining({ id: first.id, url: 'http://help.acme.example/refunds', text: 'Refunds take two days.' })]);
    // Still another page: another path, another query, another brand or customer.
    await addArticle(db, art('acme', 'https://help.acme.example/refunds/card', 'Card refunds', 'x'));
    await addArticle(db, art('acme', 'https://help.acme.example/refunds?lang=es', 'Reembolsos', 'x'));
    await addArticle(db, art('globex', 'https://help.acme.example/refunds', 'Globex refunds', 'x'));
    await addArticle(db, art('acme', 'https://help.acme.example/refunds', 'Dana asked', 'x', { customerId: 'c-1' }));
    expect(await listArticles(db, 'acme')).toHaveLength(3);
    expect(await db.kbArticles.count()).toBe(5);
  });

  it('re-capturing a page reached from a newsletter or from Facebook replaces the capture kept with its tracking parameters', async () => {
    // Kept before capture removed tracking parameters.
    const old = await addArticle(db, art('acme', 'https://help.acme.example/refunds?utm_source=newsletter&utm_medium=email', 'Refunds', 'Refunds take five days.'));
    const again = await addArticle(db, art('acme', 'https://help.acme.example/refunds', 'Refunds', 'Refunds take three days.'));
    expect(again.id).toBe(old.id);
    expect(await listArticles(db, 'acme')).toEqual([expect.objectContaining({ id: old.id, url: 'https://help.acme.example/refunds' })]);
  });

  it('two rows of one page left by earlier versions become one on the next capture, under the oldest id', async () => {
    await db.kbArticles.bulkPut([
      art('acme', 'https://help.acme.example/refunds', 'Refunds', 'old', { id: 'old', capturedAt: 1 }),
      art('acme', 'https://www.help.acme.example/refunds/', 'Refunds', 'newer', { id: 'newer', capturedAt: 2 }),
    ]);
    const stored = await addArticle(db, art('acme', 'https://help.acme.example/refunds/', 'Refunds', 'newest'));
    expect(stored.id).toBe('old');
    expect((await listArticles(db, 'acme')).map((a) => [a.id, a.text])).toEqual([['old', 'newest']]);
    expect((await kbChangesSince(db, 'acme', 0)).ids).toEqual(['old', 'newer']);
  });

  it('keeps brands apart: same URL, list, search, rename and delete', async () => {
    const a = await addArticle(db, art('acme', 'https://help.shared.com/wifi', 'Wifi setup', 'Acme router wifi password reset steps.'));
    const g = await addArticle(db, art('globex', 'https://help.shared.com/wifi', 'Globex wifi', 'Globex secret wifi password procedure.'));
    expect(g.id).not.toBe(a.id);
    expect((await listArticles(db, 'acme')).map((x) => x.id)).toEqual([a.id]);
    expect((await listArticles(db, 'globex')).map((x) => x.id)).toEqual([g.id]);

    expect((await searchArticles(db, 'acme', 'wifi password')).map((r) => r.article.id)).toEqual([a.id]);
    expect(await searchArticles(db, 'acme', 'globex')).toEqual([]);
    expect(await searchArticles(db, 'acme', 'secret procedure')).toEqual([]);

    expect(await getArticle(db, 'acme', g.id)).toBeUndefined();
    expect(await updateTitle(db, 'acme', g.id, 'hijacked')).toBe(false);
    expect(await deleteArticle(db, 'acme', g.id)).toBe(false);
    expect((await db.kbArticles.get(g.id))?.title).toBe('Globex wifi');
  });

  it('searches title and text with accents, prefixes and typos, with a snippet', async () => {
    await addArticle(db, art('acme', 'https://help.acme.com/a', 'Devoluciones y reembolsos', 'Para solicitar un reembolso, abre la aplicación y elige el pedido.'));
    await addArticle(db, art('acme', 'https://help.acme.com/b', 'Router lights', 'A red light on the router means no connection.'));
    const [hit] = await searchArticles(db, 'acme', 'aplicacion');
    expect(hit?.article.title).toBe('Devoluciones y reembolsos');
    const { snippet } = hit!;
    expect(snippet.matches.map((m) => snippet.text.slice(m.start, m.end))).toEqual(['aplicación']);
    expect((await searchArticles(db, 'acme', 'reembol'))[0]?.article.url).toBe('https://help.acme.com/a');
    expect((await searchArticles(db, 'acme', 'conection'))[0]?.article.url).toBe('https://help.acme.com/b');
    for (const q of ['', '*', '"', 'x'.repeat(10_240)]) expect(await searchArticles(db, 'acme', q)).toEqual([]);
  });

  it('search sees writes: add, rename, delete', async () => {
    const a = await addArticle(db, art('acme', 'https://help.acme.com/p', 'Parcel tracking', 'Track your parcel online.'));
    expect(await searchArticles(db, 'acme', 'parcel')).toHaveLength(1);
    expect(await updateTitle(db, 'acme', a.id, 'Shipment tracking')).toBe(true);
    expect((await searchArticles(db, 'acme', 'shipment'))[0]?.article.title).toBe('Shipment tracking');
    await expect(updateTitle(db, 'acme', a.id, '   ')).rejects.toThrow();
    expect(await deleteArticle(db, 'acme', a.id)).toBe(true);
    expect(await searchArticles(db, 'acme', 'parcel')).toEqual([]);
    expect(await listArticles(db, 'acme')).toEqual([]);
  });

  it('search follows writes through the change log, reading only the pages changed; a gap rebuilds it', async () => {
    const pages = await Promise.all(['Parcel tracking', 'Refund times', 'Gift cards'].map((t, i) => addArticle(db, art('acme', `https://help.acme.com/${i}`, t, `${t} explained.`))));
    expect(await searchArticles(db, 'acme', 'parcel')).toHaveLength(1);
    const scans = vi.spyOn(db.kbArticles, 'where');
    const reads = vi.spyOn(db.kbArticles, 'bulkGet');
    try {
      await updateTitle(db, 'acme', pages[0]!.id, 'Shipment tracking');
      await deleteArticle(db, 'acme', pages[1]!.id);
      await addArticle(db, art('acme', 'https://blog.example.com/x', 'Shipment review', 'A customer page.', { customerId: 'c-1' }));
      expect((await searchArticles(db, 'acme', 'shipment')).map((r) => r.article.title)).toEqual(['Shipment tracking']);
      expect(await searchArticles(db, 'acme', 'refund')).toEqual([]);
      expect(await searchArticles(db, 'acme', 'gift')).toHaveLength(1);
      expect(reads.mock.calls[0]?.[0]).toEqual([pages[0]!.id, pages[1]!.id]);
      // (Writes look up the same URL by [brandId+url]; no read of the brand's pages by brandId.)
      expect(scans.mock.calls.filter(([index]) => (index as unknown) === 'brandId')).toEqual([]);
      // A gap (a restore moves the revision without a log): built again from every page.
      await bumpKbRevision(db, 'acme');
      expect(await searchArticles(db, 'acme', 'gift')).toHaveLength(1);
      expect(scans.mock.calls.filter(([index]) => (index as unknown) === 'brandId')).toHaveLength(1);
    } finally {
      scans.mockRestore();
      reads.mockRestore();
    }
  });

  it('pages attached to a customer stay out of the knowledge base and are listed per customer', async () => {
    const kb = await addArticle(db, art('acme', 'https://blog.example.com/bad-experience', 'KB copy', 'Blog post about an outage.'));
    const page = await addArticle(db, art('acme', 'https://blog.example.com/bad-experience', 'Customer blog', 'Blog post about an outage.', { customerId: 'c-1' }));
    expect(page.id).not.toBe(kb.id);
    await addArticle(db, art('globex', 'https://blog.example.com/other', 'Other', 'Other brand page.', { customerId: 'c-1' }));
    expect((await listArticles(db, 'acme')).map((x) => x.id)).toEqual([kb.id]);
    expect((await articlesForCustomer(db, 'acme', 'c-1')).map((x) => x.id)).toEqual([page.id]);
    expect((await searchArticles(db, 'acme', 'outage')).map((r) => r.article.id)).toEqual([kb.id]);
  });

  it('logs which pages each knowledge-base write changed, and says when the log cannot tell', async () => {
    const r0 = await readKbRevision(db, 'acme');
    expect(await kbChangesSince(db, 'acme', r0)).toEqual({ revision: r0, ids: [] });
    const a = await addArticle(db, art('acme', 'https://help.acme.com/a', 'A', 'Alpha.'));
    const b = await addArticle(db, art('acme', 'https://help.acme.com/b', 'B', 'Beta.'));
    const r2 = await readKbRevision(db, 'acme');
    expect(await kbChangesSince(db, 'acme', r0)).toEqual({ revision: r2, ids: [a.id, b.id] });
    // A page kept in a customer's history, and another brand's page, are not in acme's log.
    await addArticle(db, art('acme', 'https://blog.example.com/c', 'C', 'Gamma.', { customerId: 'c-1' }));
    await addArticle(db, art('globex', 'https://help.globex.com/a', 'G', 'Globex.'));
    expect(await kbChangesSince(db, 'acme', r2)).toEqual({ revision: r2, ids: [] });
    // Rename, re-capture and delete each name the page; each id once.
    await updateTitle(db, 'acme', a.id, 'A renamed');
    await addArticle(db, art('acme', 'https://help.acme.com/b', 'B', 'Beta again.'));
    await deleteArticle(db, 'acme', a.id);
    const r5 = await readKbRevision(db, 'acme');
    expect(await kbChangesSince(db, 'acme', r2)).toEqual({ revision: r5, ids: [a.id, b.id] });
    expect(await kbChangesSince(db, 'acme', r5 - 1)).toEqual({ revision: r5, ids: [a.id] });

    // A bump that logs nothing (a restore) is a gap: whoever is behind it must read everything.
    await bumpKbRevision(db, 'acme');
    expect((await kbChangesSince(db, 'acme', r2)).ids).toBeNull();
    const r6 = await readKbRevision(db, 'acme');
    await updateTitle(db, 'acme', b.id, 'B renamed');
    expect((await kbChangesSince(db, 'acme', r6)).ids).toEqual([b.id]);
    // A revision this side has never seen (ahead of the store, after a restore into it): unknown.
    expect((await kbChangesSince(db, 'acme', r6 + 5)).ids).toBeNull();

    // The log keeps KB_CHANGES_KEPT entries: further behind than that is unknown too.
    const r7 = await readKbRevision(db, 'acme');
    for (let i = 0; i <= KB_CHANGES_KEPT; i++) await updateTitle(db, 'acme', b.id, `B ${i}`);
    expect((await kbChangesSince(db, 'acme', r7)).ids).toBeNull();
    expect((await kbChangesSince(db, 'acme', r7 + 2)).ids).toEqual([b.id]);

    // A log row that is not a log (hand-edited, or written by a newer version) is not trusted.
    await db.meta.put({ key: kbChangesKey('acme'), value: { not: 'a log' } });
    expect((await kbChangesSince(db, 'acme', (await readKbRevision(db, 'acme')) - 1)).ids).toBeNull();
  });

  it('refuses records that do not fit the schema', async () => {
    await expect(addArticle(db, { ...art('acme', 'https://x.example', 't', 'x'), id: '' })).rejects.toThrow();
  });
});
