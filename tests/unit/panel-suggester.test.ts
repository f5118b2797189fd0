/**
 * The panel's per-brand engine (lib/panel/suggester.ts): past replies are read and learnt after
 * the first ranking, and `progress.done` is what the Replies tab waits on ("Learning from past
 * replies…" until then), including when reading the history fails.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveQuery } from 'dexie';
import { addArticle, bumpKbRevision, deleteArticle, readKbRevision, updateTitle } from '../../lib/db/repositories/kb';
import type { KbArticle } from '../../lib/db/records';
import { invalidateSuggester, learnConversation, pastPairs, storedTemplatesStamp, suggesterFor, syncArticles, syncTemplates, templatesStamp } from '../../lib/panel/suggester';
import { countTemplateUse, deleteTemplate, importTemplates, saveTemplate } from '../../lib/db/repositories/templates';
import { type CasesideDb, createDb } from '../../lib/db/schema';

let db: CasesideDb;
const brandId = `b-${crypto.randomUUID()}`;

beforeEach(async () => {
  db = createDb('t-' + crypto.randomUUID());
  await db.brands.add({
    id: brandId, name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '^AC',
    tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
  });
  const msg = (id: string, direction: 'in' | 'out', text: string, sentAt: number) => ({
    id, conversationId: 'c1', customerId: 'ana', brandId, platform: 'x' as const, nativeId: id, direction, author: direction === 'in' ? 'ana' : 'acme', text, sentAt, capturedAt: sentAt,
  });
  await db.messages.bulkAdd([
    msg('m1', 'in', 'my kettle order never arrived', 1),
    msg('m2', 'out', 'Sorry! Orders are running late this week; yours ships Friday.', 2),
  ]);
  invalidateSuggester(brandId);
});
afterEach(async () => {
  vi.restoreAllMocks();
  invalidateSuggester(brandId);
  await db.delete();
});

describe('suggesterFor', () => {
  it('is not done until the past replies are read and learnt, then suggests from them', async () => {
    const s = await suggesterFor(db, brandId);
    // The history is read after the engine is handed out: not done, count still unknown.
    expect(s.progress).toEqual({ indexed: 0, total: 0, done: false });
    await s.complete;
    expect(s.progress).toEqual({ indexed: 1, total: 1, done: true });
    const top = s.suggester.suggest({ customerMessages: ['where is my kettle order?'], platform: 'x', isPublic: true }, 3);
    expect(top.map((x) => x.text)).toContain('Sorry! Orders are running late this week; yours ships Friday.');
  });

  it('pairs each reply with the question before it, with the customer and the send time', async () => {
    expect(await pastPairs(db, brandId)).toEqual([
      { id: 'm2', customerText: 'my kettle order never arrived', replyText: 'Sorry! Orders are running late this week; yours ships Friday.', customerName: 'ana', customerId: 'ana', at: 2 },
    ]);
  });

  it('learns a brand message that answers no open question, for frequency and recency only', async () => {
    await db.messages.bulkAdd([
      { id: 'm5', conversationId: 'c1', customerId: 'ana', brandId, platform: 'x', nativeId: 'm5', direction: 'out', author: 'acme', text: 'Update: your kettle left the depot this morning.', sentAt: 5, capturedAt: 5 },
    ]);
    const pairs = await pastPairs(db, brandId);
    expect(pairs.map((p) => [p.id, p.customerText])).toEqual([
      ['m2', 'my kettle order never arrived'],
      ['m5', ''],
    ]);
    expect(pairs[1]).toMatchObject({ customerId: 'ana', at: 5, replyText: 'Update: your kettle left the depot this morning.' });
    const s = await suggesterFor(db, brandId);
    await s.complete;
    const top = s.suggester.suggest({ customerMessages: ['is there any news?'], platform: 'x', isPublic: true }, 3);
    expect(top.find((x) => x.text.startsWith('Update: your kettle'))?.why).toMatch(/recent reply|frequent reply/);
  });

  it("learns a conversation's new reply at once, and learning it again counts it once", async () => {
    const s = await suggesterFor(db, brandId);
    await s.complete;
    const conv = { customerMessages: ['is the toaster warranty transferable?'], platform: 'x' as const, isPublic: true };
    const warranty = 'Yes, the toaster warranty moves with the toaster; keep the receipt.';
    expect(s.suggester.suggest(conv, 5).map((x) => x.text)).not.toContain(warranty);
    await db.messages.bulkAdd([
      { id: 'm3', conversationId: 'c2', customerId: 'bo', brandId, platform: 'x', nativeId: 'm3', direction: 'in', author: 'bo', text: 'can I transfer the toaster warranty to my sister?', sentAt: 3, capturedAt: 3 },
      { id: 'm4', conversationId: 'c2', customerId: 'bo', brandId, platform: 'x', nativeId: 'm4', direction: 'out', author: 'acme', text: warranty, sentAt: 4, capturedAt: 4 },
    ]);
    expect(await learnConversation(s, db, 'c2')).toBe(1);
    // Again: nothing newer to read, and the reply is still counted once.
    expect(await learnConversation(s, db, 'c2')).toBe(0);
    expect(s.suggester.size.pairs).toBe(2);
    // A fresh engine reading the whole conversation again (panel reopened) also counts it once.
    s.learntUntil.clear();
    expect(await learnConversation(s, db, 'c2')).toBe(1);
    expect(s.suggester.size.pairs).toBe(2);
    const top = s.suggester.suggest(conv, 5);
    expect(top[0]?.text).toBe(warranty);
    expect(top[0]?.why).toMatch(/similar past message/);
  });

  it("never learns another brand's conversation (a tab that has not caught up with an account switch)", async () => {
    const s = await suggesterFor(db, brandId);
    await s.complete;
    await db.messages.bulkAdd([
      { id: 'o1', conversationId: 'c-other', customerId: 'zed', brandId: 'other-brand', platform: 'x', nativeId: 'o1', direction: 'in', author: 'zed', text: 'other brand question', sentAt: 3, capturedAt: 3 },
      { id: 'o2', conversationId: 'c-other', customerId: 'zed', brandId: 'other-brand', platform: 'x', nativeId: 'o2', direction: 'out', author: 'globex', text: 'Globex secret reply', sentAt: 4, capturedAt: 4 },
    ]);
    expect(await learnConversation(s, db, 'c-other')).toBe(0);
    expect(s.suggester.suggest({ customerMessages: ['other brand question'], platform: 'x', isPublic: true }, 5).map((x) => x.text)).not.toContain('Globex secret reply');
  });

  it('after the first call, learns only what was sent after the last reply it learnt, from every participant', async () => {
    const s = await suggesterFor(db, brandId);
    await s.complete;
    const m = (id: string, customerId: string, direction: 'in' | 'out', text: string, sentAt: number) => ({
      id, conversationId: 'c2', customerId, brandId, platform: 'x' as const, nativeId: id, direction, author: direction === 'in' ? customerId : 'acme', text, sentAt, capturedAt: sentAt,
    });
    await db.messages.bulkAdd([m('m3', 'bo', 'in', 'can I transfer the toaster warranty?', 3), m('m4', 'bo', 'out', 'Yes, keep the receipt.', 4)]);
    expect(await learnConversation(s, db, 'c2')).toBe(1);
    const read = vi.spyOn(db.messages, 'where');
    // Someone else joins the public thread and the brand answers them.
    await db.messages.bulkAdd([
      m('m5', 'cy', 'in', 'does the descaler void the toaster warranty?', 5),
      m('m6', 'bo', 'out', 'No, our descaler is safe for every toaster we sell.', 6),
    ]);
    // Only m5 → m6 is learnt (the bystander's question paired with the brand's answer).
    expect(await learnConversation(s, db, 'c2')).toBe(1);
    expect(read.mock.calls.map((c) => c[0])).toEqual(['conversationId']);
    expect(s.suggester.size.pairs).toBe(3);
    const top = s.suggester.suggest({ customerMessages: ['will descaler void my warranty?'], platform: 'x', isPublic: true }, 3);
    expect(top[0]?.text).toBe('No, our descaler is safe for every toaster we sell.');
    expect(top[0]?.why).toMatch(/similar past message "does the descaler void the toaster warranty\?"/);
    // Nothing new: nothing learnt.
    expect(await learnConversation(s, db, 'c2')).toBe(0);
  });

  it('learns a reply recorded late with an older time (found by scrolling up) at once, counting the others once', async () => {
    const s = await suggesterFor(db, brandId);
    await s.complete;
    const m = (id: string, direction: 'in' | 'out', text: string, sentAt: number) => ({
      id, conversationId: 'c2', customerId: 'bo', brandId, platform: 'x' as const, nativeId: id, direction, author: direction === 'in' ? 'bo' : 'acme', text, sentAt, capturedAt: 100 + sentAt,
    });
    await db.messages.bulkAdd([m('m7', 'in', 'can I transfer the toaster warranty?', 7), m('m8', 'out', 'Yes, keep the receipt.', 8)]);
    expect(await learnConversation(s, db, 'c2')).toBe(1);
    expect(s.suggester.size.pairs).toBe(2);
    const older = 'Our grill pans are oven safe up to 260 °C.';
    // The agent scrolls up: an older exchange of the same conversation is recorded now.
    await db.messages.bulkAdd([m('m3', 'in', 'is the grill pan oven safe?', 3), m('m4', 'out', older, 4)]);
    expect(await learnConversation(s, db, 'c2')).toBe(2);
    expect(s.suggester.size.pairs).toBe(3);
    const top = s.suggester.suggest({ customerMessages: ['can the grill pan go in the oven?'], platform: 'x', isPublic: true }, 3);
    expect(top[0]?.text).toBe(older);
    expect(top[0]?.why).toMatch(/similar past message "is the grill pan oven safe\?"/);
    // Then back to only what is new.
    expect(await learnConversation(s, db, 'c2')).toBe(0);
    await db.messages.bulkAdd([m('m9', 'in', 'thanks!', 9), m('m10', 'out', 'You are welcome.', 10)]);
    expect(await learnConversation(s, db, 'c2')).toBe(1);
    expect(s.suggester.size.pairs).toBe(4);
  });

  it('syncs templates added, edited and deleted into the same engine, keeping the past replies it learnt', async () => {
    const s = await suggesterFor(db, brandId);
    await s.complete;
    const conv = { customerMessages: ['hello'], platform: 'x' as const, isPublic: false, customer: { displayName: 'Ana Pérez' } };
    const texts = (q: string) => s.suggester.findTemplates(q, conv).map((x) => x.text);
    // A panel opening sees the stamp the engine was built with: nothing is read.
    const read = vi.spyOn(db.templates, 'where');
    expect(await syncTemplates(s, db, brandId, templatesStamp([]))).toBe(0);
    expect(read).not.toHaveBeenCalled();
    read.mockRestore();
    expect(await syncTemplates(s, db, brandId)).toBe(0);

    const saved = await saveTemplate(db, brandId, { title: 'Invoice copy', body: 'Hi {{customer.first_name}}, here is your invoice.' }, undefined, 1_000);
    // The stamp the panel sees now differs from the engine's: read and synced.
    expect(await syncTemplates(s, db, brandId, templatesStamp(await db.templates.toArray()))).toBe(1);
    expect(texts('invoice')).toEqual(['Hi Ana, here is your invoice.']);

    // Edited on the options page: same id, new text (count unchanged: the old stamp missed this).
    const before = templatesStamp(await db.templates.toArray());
    await saveTemplate(db, brandId, { title: 'Invoice copy', body: 'Hi {{customer.first_name}}, your invoice is attached.' }, saved.id, 2_000);
    expect(templatesStamp(await db.templates.toArray())).not.toBe(before);
    expect(await syncTemplates(s, db, brandId)).toBe(1);
    expect(texts('invoice')).toEqual(['Hi Ana, your invoice is attached.']);

    // Used: nothing to sync, and the stamp does not move.
    const used = templatesStamp(await db.templates.toArray());
    await countTemplateUse(db, brandId, saved.id);
    expect(templatesStamp(await db.templates.toArray())).toBe(used);
    expect(await syncTemplates(s, db, brandId)).toBe(0);

    await deleteTemplate(db, brandId, saved.id);
    expect(await syncTemplates(s, db, brandId)).toBe(1);
    expect(texts('invoice')).toEqual([]);
    // Not rebuilt: the same engine, with its past reply still learnt.
    expect(await suggesterFor(db, brandId)).toBe(s);
    expect(s.suggester.size.pairs).toBe(1);
  });

  it('syncs pages captured, captured again, renamed and deleted into the same engine, without re-reading past replies', async () => {
    const page = (id: string, url: string, title: string, text: string, capturedAt: number, customerId: string | null = null): KbArticle => ({
      id, brandId, url, title, excerpt: text.slice(0, 50), text, html: `<p>${text}</p>`, capturedAt, customerId,
    });
    await addArticle(db, page('a1', 'https://help.acme.example/refunds', 'Refund policy', 'Refunds reach your card within 5 business days.', 1));
    const s = await suggesterFor(db, brandId);
    await s.complete;
    const conv = (text: string) => ({ customerMessages: [text], platform: 'x' as const, isPublic: true });
    const titles = (text: string) => s.suggester.rankArticles(conv(text), 5).filter((a) => a.score > 0).map((a) => a.title);
    expect(titles('when does my refund reach my card')).toEqual(['Refund policy']);

    // The panel opening sees the revision the engine was built at: nothing is read.
    const read = vi.spyOn(db.kbArticles, 'where');
    expect(await syncArticles(s, db, brandId, await readKbRevision(db, brandId))).toBe(0);
    expect(read).not.toHaveBeenCalled();
    read.mockRestore();

    // Renamed on the options page (same count: the old count stamp missed this). Only the renamed
    // page is read: the others are compared by their index keys.
    await addArticle(db, page('a0', 'https://help.acme.example/delivery', 'Delivery times', 'Parcels arrive in 3 days.', 1));
    expect(await syncArticles(s, db, brandId)).toBe(1);
    await updateTitle(db, brandId, 'a1', 'Refunds: how long they take');
    const pagesRead = vi.spyOn(db.kbArticles, 'bulkGet');
    expect(await syncArticles(s, db, brandId, await readKbRevision(db, brandId))).toBe(1);
    expect(pagesRead.mock.calls.flatMap(([ids]) => ids)).toEqual(['a1']);
    pagesRead.mockRestore();
    expect(titles('when does my refund reach my card')).toEqual(['Refunds: how long they take']);

    // Captured again with new text (same URL, same id): the new words find it.
    await addArticle(db, page('a1-again', 'https://help.acme.example/refunds', 'Refunds: how long they take', 'Refunds to PayPal arrive within 24 hours.', 2));
    expect(await syncArticles(s, db, brandId)).toBe(1);
    expect(titles('paypal')).toEqual(['Refunds: how long they take']);

    // A new page, then deleted; a page attached to a customer is not in the knowledge base.
    await addArticle(db, page('a2', 'https://help.acme.example/exchanges', 'Exchanges', 'Exchange sizes in any store.', 3));
    const seen = await readKbRevision(db, brandId);
    await addArticle(db, page('a3', 'https://blog.example/ana-review', 'Ana reviews the kettle', 'exchange sizes kettle review', 4, 'ana'));
    // A page kept in a customer's history does not move the knowledge base's revision.
    expect(await readKbRevision(db, brandId)).toBe(seen);
    expect(await syncArticles(s, db, brandId)).toBe(1);
    expect(titles('exchange sizes')).toEqual(['Exchanges']);
    // A delete: only the deleted page's id is looked up (the customer's page is not read at all).
    const readAgain = vi.spyOn(db.kbArticles, 'bulkGet');
    const readAll = vi.spyOn(db.kbArticles, 'where');
    await deleteArticle(db, brandId, 'a2');
    expect(await syncArticles(s, db, brandId)).toBe(1);
    expect(readAgain.mock.calls.flatMap(([ids]) => ids)).toEqual(['a2']);
    expect(readAll).not.toHaveBeenCalled();
    readAgain.mockRestore();
    readAll.mockRestore();
    expect(titles('exchange sizes')).toEqual([]);
    expect(s.suggester.size.articles).toBe(2);

    // Captured again under an address that normalises alike ("www.", a trailing slash): the same
    // page, replaced in place.
    await addArticle(db, page('a4', 'https://www.help.acme.example/delivery/', 'Delivery times (copy)', 'Parcels arrive in 3 days.', 5));
    expect(await db.kbArticles.get('a4')).toBeUndefined();
    expect(await syncArticles(s, db, brandId)).toBe(1);
    expect(titles('parcels')).toEqual(['Delivery times (copy)']);
    // Two rows of one page kept by an earlier version share one engine entry, the newest's:
    // deleting it gives the entry back to the other.
    await db.transaction('rw', db.kbArticles, db.meta, async () => {
      await db.kbArticles.put(page('a4', 'https://help.acme.example/delivery', 'Delivery times (new)', 'Parcels arrive in 2 days.', 6));
      await bumpKbRevision(db, brandId, 0, ['a4']);
    });
    expect(await syncArticles(s, db, brandId)).toBe(1);
    expect(titles('parcels')).toEqual(['Delivery times (new)']);
    await deleteArticle(db, brandId, 'a4');
    expect(await syncArticles(s, db, brandId)).toBe(1);
    expect(titles('parcels')).toEqual(['Delivery times (copy)']);

    // A restore writes pages and moves the revision without logging which: every page is read.
    await db.transaction('rw', db.kbArticles, db.meta, async () => {
      await db.kbArticles.put(page('a0', 'https://help.acme.example/delivery', 'Delivery (restored)', 'Parcels arrive in 3 days.', 1));
      await db.kbArticles.put(page('a5', 'https://help.acme.example/returns', 'Returns', 'Returns are free for 30 days.', 6));
      await bumpKbRevision(db, brandId);
    });
    expect(await syncArticles(s, db, brandId)).toBe(2);
    expect(titles('parcels')).toEqual(['Delivery (restored)']);
    expect(titles('returns free')).toEqual(['Returns']);

    // Not rebuilt: the same engine, with its past reply still learnt.
    expect(await suggesterFor(db, brandId)).toBe(s);
    expect(s.suggester.size.pairs).toBe(1);
  });

  it('of two captures of one page kept under addresses that normalise alike, suggests the newest (not the first id)', async () => {
    const page = (id: string, url: string, text: string, capturedAt: number): KbArticle => ({
      id, brandId, url, title: 'Refund policy', excerpt: text.slice(0, 50), text, html: `<p>${text}</p>`, capturedAt, customerId: null,
    });
    const conv = { customerMessages: ['how long does my refund take'], platform: 'x' as const, isPublic: true };
    // Kept by an earlier version (which compared exact addresses), the older one under the id
    // that sorts last: the engine keeps the entry added last.
    await db.kbArticles.bulkPut([
      page('f0-new', 'https://www.help.acme.example/refunds/', 'Refunds take three days.', 2),
      page('ff-old', 'https://help.acme.example/refunds', 'Refunds take five days.', 1),
    ]);
    const s = await suggesterFor(db, brandId);
    await s.complete;
    expect(s.suggester.size.articles).toBe(1);
    expect(s.suggester.rankArticles(conv, 5)[0]?.url).toBe('https://www.help.acme.example/refunds/');
    expect(s.suggester.findArticles('three days', conv)).toHaveLength(1);
    expect(s.suggester.findArticles('five days', conv)).toEqual([]);

    // The older one renamed on the options page: the newest stays the one suggested.
    await updateTitle(db, brandId, 'ff-old', 'Refund policy (old)');
    expect(await syncArticles(s, db, brandId)).toBe(0);
    expect(s.suggester.rankArticles(conv, 5).map((a) => a.title)).toEqual(['Refund policy']);
    // The newest deleted: the other one takes its place.
    await deleteArticle(db, brandId, 'f0-new');
    expect(await syncArticles(s, db, brandId)).toBe(1);
    expect(s.suggester.rankArticles(conv, 5).map((a) => a.title)).toEqual(['Refund policy (old)']);
  });

  it('suggests pages kept with tracking parameters without them (a click id never goes into a reply)', async () => {
    const page = (id: string, url: string, title: string, text: string): KbArticle => ({
      id, brandId, url, title, excerpt: text, text, html: `<p>${text}</p>`, capturedAt: 1, customerId: null,
    });
    await db.kbArticles.put(page('a1', 'https://help.acme.example/refunds?fbclid=IwAR3xAbCdEf&lang=en', 'Refund policy', 'Refunds reach your card within 5 business days.'));
    const s = await suggesterFor(db, brandId);
    await s.complete;
    const conv = { customerMessages: ['when does my refund reach my card'], platform: 'x' as const, isPublic: true };
    expect(s.suggester.rankArticles(conv, 5)[0]?.url).toBe('https://help.acme.example/refunds?lang=en');
    const found = s.suggester.findArticles('refund', conv);
    expect(found[0]?.text).toBe('This article should help: https://help.acme.example/refunds?lang=en');
    // Reaching an open engine later (synced), the same.
    await db.transaction('rw', db.kbArticles, db.meta, async () => {
      await db.kbArticles.put(page('a2', 'https://help.acme.example/exchanges?utm_source=newsletter&utm_medium=email', 'Exchanges', 'Exchange sizes in any store.'));
      await bumpKbRevision(db, brandId, 0, ['a2']);
    });
    expect(await syncArticles(s, db, brandId)).toBe(1);
    expect(s.suggester.findArticles('exchange', conv).map((x) => x.articleUrl)).toEqual(['https://help.acme.example/exchanges']);
  });

  it('stamps the stored templates from index keys alone: a save, import or delete moves it, a use does not wake it', async () => {
    const other = `b-${crypto.randomUUID()}`;
    const fromRows = async () => templatesStamp(await db.templates.where('brandId').equals(brandId).toArray());
    expect(await storedTemplatesStamp(db, brandId)).toBe('0/0');

    const stamps: string[] = [];
    const sub = liveQuery(() => storedTemplatesStamp(db, brandId)).subscribe({ next: (v) => stamps.push(v) });
    const settle = async (n: number) => {
      for (let i = 0; i < 50 && stamps.length < n; i++) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 50));
    };
    try {
      await settle(1);
      const a = await saveTemplate(db, brandId, { title: 'Invoice', body: 'Here is your invoice.' }, undefined, 1_000);
      await saveTemplate(db, brandId, { title: 'Refund', body: 'Your refund is on its way.' }, undefined, 3_000);
      await saveTemplate(db, other, { title: 'Other brand', body: 'Not ours.' }, undefined, 9_000);
      await settle(3);
      expect(await storedTemplatesStamp(db, brandId)).toBe(await fromRows());
      expect(await storedTemplatesStamp(db, brandId)).toBe('2/3000');

      // Uses change rows but not the stamp, and the live query is not run again for them.
      const seen = stamps.length;
      await countTemplateUse(db, brandId, a.id);
      await countTemplateUse(db, brandId, a.id);
      await settle(seen + 1);
      expect(stamps.length).toBe(seen);
      expect((await db.templates.get(a.id))?.useCount).toBe(2);

      // An edit of an older template moves the latest save; an import adds; a delete removes.
      await saveTemplate(db, brandId, { title: 'Invoice', body: 'Your invoice is attached.' }, a.id, 5_000);
      await settle(seen + 1);
      expect(stamps.at(-1)).toBe('2/5000');
      await importTemplates(db, brandId, [{ title: 'Delay', body: 'Orders are late this week.', tags: [], language: 'en' }], 7_000);
      await deleteTemplate(db, brandId, a.id);
      await settle(seen + 3);
      expect(await storedTemplatesStamp(db, brandId)).toBe(await fromRows());
      expect(stamps.at(-1)).toBe(await fromRows());
    } finally {
      sub.unsubscribe();
    }
  });

  it('is done, with the failure reported, when the history cannot be read', async () => {
    vi.spyOn(db.messages, 'where').mockImplementation(() => {
      throw new Error('storage is unavailable');
    });
    const s = await suggesterFor(db, brandId);
    await expect(s.complete).rejects.toThrow('storage is unavailable');
    expect(s.progress.done).toBe(true);
  });
});
