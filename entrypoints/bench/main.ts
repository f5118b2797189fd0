/**
 * Bench-only page (chrome-extension://<id>/bench.html, built only by `wxt build --mode bench`;
 * see wxt.config.ts). Exposes the real library functions, run against the real IndexedDB of
 * the extension origin, on `window.__bench` for tests/tools/bench.ts. Not a product page.
 */
import Dexie from 'dexie';
import { createDb, getDb, DB_NAME, type CasesideDb } from '../../lib/db/schema';
import { suggesterFor, pastPairs, syncArticles } from '../../lib/panel/suggester';
import { updateTitle } from '../../lib/db/repositories/kb';
import { customerWithLinks, loadCustomerView, loadTimeline, suggestLinks } from '../../lib/panel/queries';
import { terms } from '../../lib/suggest/text';
import { createSuggester, type ConversationInput, type Suggester } from '../../lib/suggest/engine';
import { zipfCorpus } from '../../lib/bench/zipf-corpus';
import { ensureLoaded, searchHistory } from '../../lib/panel/history-search';
import { importCsv } from '../../lib/import-export/csv-import';
import { exportBackup } from '../../lib/import-export/export';
import { parseBackupOffThread } from '../../lib/import-export/parse-backup-off-thread';
import { applyRestore } from '../../lib/import-export/restore';
import { TABLE_NAMES } from '../../lib/import-export/backup-schema';
import { recordSnapshot } from '../../lib/db/capture';
import { messageKey } from '../../lib/db/ids';
import { createMessageIdDeriver } from '../../lib/platforms/facebook/message-id';
import { CUSTOMER_KEY, formerCustomerKeys } from '../../lib/platforms/facebook/thread-rows';
import type { ConversationSnapshot, SnapshotMessage } from '../../lib/platforms/snapshot';
import { EN, FULL_SHAPE, MAIN_BRAND, OPEN_CUSTOMERS, generateHeavyCustomer, generateStore, generateTwcsCsv, makeCorpus, type StoreShape } from './corpus';

const now = () => performance.now();
const IMPORT_DB = 'caseside-bench-import';
const FLOOR_DB = 'caseside-bench-floor';
const RECORD_DB = 'caseside-bench-record';

async function fresh(name: string): Promise<CasesideDb> {
  await Dexie.delete(name);
  const db = createDb(name);
  await db.open();
  return db;
}

/** Every table written in one transaction with Dexie bulkPut (what "raw bulkPut" means below). */
async function bulkPutAll(db: CasesideDb, tables: Record<string, unknown[]>): Promise<number> {
  const names = Object.keys(tables).filter((n) => tables[n]!.length);
  const t = now();
  await db.transaction('rw', names.map((n) => db.table(n)), async () => {
    for (const n of names) await db.table(n).bulkPut(tables[n]!);
  });
  return now() - t;
}

async function readAll(db: CasesideDb, names: readonly string[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const n of names) out[n] = await db.table(n).toArray();
  return out;
}

/**
 * Times suggest(…, 5) over the queries (after a warm-up), beside the floor: a linear scan over as
 * many ids as the engine holds documents that only tokenises the query (evaluation.md §3).
 */
function timeSuggest(suggester: Suggester, queries: readonly ConversationInput[], runs: number) {
  const size = suggester.size;
  const corpus = new Int32Array(size.templates + size.pairs + size.articles).map((_, i) => i);
  let sink = 0;
  const time = (fn: (q: ConversationInput) => unknown) => {
    for (let i = 0; i < 20; i++) fn(queries[i % queries.length]!);
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      const q = queries[i % queries.length]!;
      const s = now();
      fn(q);
      out.push(now() - s);
    }
    return out;
  };
  // Marks the timed calls for `npm run bench -- --only suggest --profile <file>` (a no-op otherwise).
  console.profile('suggest');
  const engine = time((q) => suggester.suggest(q, 5));
  console.profileEnd('suggest');
  const floor = time((q) => {
    const ts = terms(q.customerMessages.join(' '));
    for (let i = 0; i < corpus.length; i++) sink += corpus[i]! & ts.length;
  });
  return { engine, floor, sink: sink === -1 ? 1 : 0 };
}

const bench = {
  /** Replace the extension's database with the synthetic store. */
  async seed(shape: StoreShape = FULL_SHAPE) {
    let t = now();
    const tables = generateStore(shape);
    const generateMs = now() - t;
    getDb().close();
    await Dexie.delete(DB_NAME);
    const db = createDb();
    await db.open();
    const writeMs = await bulkPutAll(db, tables as unknown as Record<string, unknown[]>);
    db.close();
    t = now();
    const counts = Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, (v as unknown[]).length]));
    return { generateMs, writeMs, counts, openCustomers: OPEN_CUSTOMERS };
  },

  /** The panel's reads for one customer, each timed alone (for finding where "open" spends its time). */
  async panelReads(customerId: string, runs = 5) {
    const db = getDb();
    const out: Record<string, number[]> = { loadCustomerView: [], loadTimeline: [], suggestLinks: [] };
    for (let r = 0; r < runs; r++) {
      let t = now();
      await loadCustomerView(db, MAIN_BRAND, customerId);
      out.loadCustomerView!.push(now() - t);
      t = now();
      await loadTimeline(db, MAIN_BRAND, [customerId]);
      out.loadTimeline!.push(now() - t);
      const [customer] = await customerWithLinks(db, MAIN_BRAND, customerId);
      t = now();
      await suggestLinks(db, customer!);
      out.suggestLinks!.push(now() - t);
    }
    return out;
  },

  /** Adds the customer whose long history the "history" scenario scrolls. */
  async addHeavyCustomer(count: number): Promise<number> {
    return bulkPutAll(getDb(), generateHeavyCustomer(count) as unknown as Record<string, unknown[]>);
  },

  async messageCount(customerId: string): Promise<number> {
    return getDb().messages.where('[customerId+sentAt]').between([customerId, -Infinity], [customerId, Infinity]).count();
  },

  /** suggest(): the panel's engine for the main brand, built from the store as the panel builds it. */
  async suggest(runs: number) {
    const db = getDb();
    const t = now();
    const built = await suggesterFor(db, MAIN_BRAND);
    const firstSuggestionsMs = now() - t;
    await built.complete;
    const suggester = built.suggester;
    const buildMs = now() - t;
    const pairs = (await pastPairs(db, MAIN_BRAND)).length;
    // The budget is stated for 50,000 past replies; the store's main brand has fewer pairs, so the
    // rest are generated from the same corpus and added as the panel adds a recorded reply.
    const more = makeCorpus(7);
    for (let i = 0; suggester.size.pairs < 50_000; i++) {
      suggester.addPair({ id: `bench-extra-${i}`, customerText: more.customerText(), replyText: more.agentText(), customerId: `bench-${i % 5000}`, at: i });
    }
    const { rand, customerText, between } = makeCorpus(99);
    const queries: ConversationInput[] = Array.from({ length: 200 }, (_, i) => ({
      customerMessages: Array.from({ length: between(1, 3) }, customerText),
      agentMessages: i % 2 ? ['Could you confirm your postcode please?'] : [],
      // As the panel passes them: the brand's replies already in this conversation.
      alreadySent: i % 2 ? ['Could you confirm your postcode please?'] : [],
      platform: rand() < 0.7 ? 'x' : 'facebook',
      isPublic: rand() < 0.5,
      customer: { displayName: 'Ana García', handle: 'ana1' },
      caseReference: 'ACME-0042',
      agent: { signature: '^AC' },
    }));
    const { engine, floor, sink } = timeSuggest(suggester, queries, runs);
    // The same calls, each right after the memory learnt one more reply (the agent answered and
    // opens the next conversation): any change to an index drops the searches it kept (Bm25Index).
    const afterLearning: number[] = [];
    for (let i = 0; i < runs / 2; i++) {
      suggester.addPair({ id: `bench-learnt-${i}`, customerText: more.customerText(), replyText: more.agentText(), customerId: `bench-learnt-${i}`, at: 1e12 + i });
      const s = now();
      suggester.suggest(queries[i % queries.length]!, 5);
      afterLearning.push(now() - s);
    }
    // An article renamed on the options page reaching this open engine (syncArticles), beside
    // what reading every page of the brand costs (what the sync did before the seventh session).
    const kbSync: number[] = [];
    const kbReadAll: number[] = [];
    const renamed = await db.kbArticles.where('brandId').equals(MAIN_BRAND).limit(20).toArray();
    for (const a of renamed) {
      await updateTitle(db, MAIN_BRAND, a.id, `${a.title} (renamed)`);
      let s = now();
      if ((await syncArticles(built, db, MAIN_BRAND)) !== 1) throw new Error('kb sync: expected one changed article');
      kbSync.push(now() - s);
      s = now();
      await db.kbArticles.where('brandId').equals(MAIN_BRAND).toArray();
      kbReadAll.push(now() - s);
      await updateTitle(db, MAIN_BRAND, a.id, a.title);
      await syncArticles(built, db, MAIN_BRAND);
    }
    return { buildMs, firstSuggestionsMs, size: { ...suggester.size, pairsInStore: pairs }, engine, afterLearning, floor, sink, kbSync, kbReadAll };
  },

  /**
   * suggest() on the Zipf-vocabulary brand of tests/tools/bench-suggest.ts (lib/bench/zipf-corpus):
   * the store's text repeats a few dozen sentences, so its query words are all common; here rare
   * and common words mix as in real text.
   */
  async suggestZipf(runs: number) {
    const { templates, pairs, articles, queries } = zipfCorpus();
    const t = now();
    const { detectLanguage } = await import('../../lib/suggest/language');
    const suggester = createSuggester({ brand: { name: 'Bench', signature: '^AB' }, templates, pairs, articles, detectLanguage });
    const buildMs = now() - t;
    const { engine, floor, sink } = timeSuggest(suggester, queries, runs);
    // The Replies tab's finder: what one keystroke costs (templates, then articles, as the panel
    // asks for them), typing the first words of each query one letter at a time.
    const find: number[] = [];
    let found = 0;
    for (const q of queries.slice(0, Math.max(10, Math.ceil(runs / 10)))) {
      const typed = q.customerMessages.join(' ').split(/\s+/u).slice(0, 3).join(' ');
      for (let i = 1; i <= typed.length; i++) {
        const s = now();
        found += suggester.findTemplates(typed.slice(0, i), q, { limit: 21 }).length + suggester.findArticles(typed.slice(0, i), q, 5).length;
        find.push(now() - s);
      }
    }
    return { buildMs, size: suggester.size, engine, floor, sink: sink + (found === -1 ? 1 : 0), find };
  },

  /** searchHistory(): the panel's search box path (index load, top-up, query, snippets). */
  async search(runs: number) {
    const db = getDb();
    let t = now();
    await ensureLoaded(db, MAIN_BRAND);
    const loadMs = now() - t;
    t = now();
    const POOL = ['router', 'refund', 'conexion', 'factura', 'technician', 'password', 'cancel subscription', 'charged twice', 'rebo', 'refnd', 'garcia', 'señal', 'senal', 'diverted hotel', 'invoice company', 'call back', 'parcel damaged', 'vip', 'incidencia', 'sofia', 'the', 'no signal', 'tecnico cita', 'app crash', 'escalated', 'postcode', 'order 12', 'Bench Customer', ...EN.slice(0, 6)];
    for (let i = 0; i < 10; i++) await searchHistory(db, MAIN_BRAND, POOL[i]!);
    const times: number[] = [];
    let hits = 0;
    console.profile('search');
    for (let i = 0; i < runs; i++) {
      const s = now();
      hits += (await searchHistory(db, MAIN_BRAND, POOL[i % POOL.length]!)).length;
      times.push(now() - s);
    }
    console.profileEnd('search');
    return { loadMs, times, hits, pool: POOL };
  },

  /**
   * recordSnapshot() of a Messenger thread as the content script sends it (every message read so
   * far, each with derived ids; the customer's rows carry the ids of the earlier id scheme as
   * `formerIds`, with thread-rows.ts's own keys): the first record, then
   * re-records with nothing new, with one new incoming message (a former-id lookup and, since no
   * row matches, one read of the conversation's stored rows for the content match) and with one
   * new outgoing message (no former ids: neither). Floor: bulkGet of the snapshot's message keys.
   */
  async recordMessenger(messages: number, runs: number) {
    const db = await fresh(RECORD_DB);
    await db.brands.put(generateStore({ customers: 0, messages: 0, templates: 0, articles: 0 }).brands[0]!);
    const threadId = '5432109876543210';
    const customer = { userId: '100012345678901', handle: 'marco.bianchi.92', displayName: 'Marco Bianchi' };
    const us = { handle: 'acmeoutdoor', displayName: 'Acme Outdoor' };
    const formerKeys = formerCustomerKeys(customer);
    const deriveId = createMessageIdDeriver(threadId);
    const { customerText, agentText } = makeCorpus(11);
    const start = Date.parse('2026-01-05T09:00:00.000Z');
    const list: SnapshotMessage[] = [];
    const push = (direction: 'in' | 'out', text: string) => {
      const { id, formerIds } = deriveId(direction === 'in' ? CUSTOMER_KEY : 'out', text, direction === 'in' ? formerKeys : []);
      const m: SnapshotMessage = { id, text, direction, author: direction === 'in' ? customer : us, sentAt: new Date(start + list.length * 60_000).toISOString() };
      if (formerIds.length) m.formerIds = formerIds;
      list.push(m);
    };
    for (let i = 0; i < messages; i++) push(i % 3 === 2 ? 'out' : 'in', i % 3 === 2 ? agentText() : customerText());
    const snapshot = (): ConversationSnapshot => ({
      platform: 'facebook', kind: 'fb-messenger', conversationId: threadId, url: `https://www.messenger.com/t/${threadId}`, state: 'ok',
      agent: { platform: 'facebook', ...us }, customer, messages: [...list],
    });
    const time = async (before: () => void) => {
      const out: number[] = [];
      for (let r = 0; r < runs; r++) {
        before();
        const snap = snapshot();
        const t = now();
        await recordSnapshot(db, MAIN_BRAND, snap);
        out.push(now() - t);
      }
      return out;
    };
    let t = now();
    await recordSnapshot(db, MAIN_BRAND, snapshot());
    const firstMs = now() - t;
    const unchanged = await time(() => undefined);
    let n = 0;
    const newIncoming = await time(() => push('in', `is there any news on my order ${++n}?`));
    const newOutgoing = await time(() => push('out', `we are checking it now, reference ${++n}`));
    const floor: number[] = [];
    for (let r = 0; r < runs; r++) {
      const keys = list.map((m) => messageKey(MAIN_BRAND, 'facebook', m.id));
      t = now();
      await db.messages.bulkGet(keys);
      floor.push(now() - t);
    }
    const stored = await db.messages.count();
    db.close();
    await Dexie.delete(RECORD_DB);
    return { firstMs, unchanged, newIncoming, newOutgoing, floor, stored, expected: list.length };
  },

  /**
   * importCsv() of a synthetic TWCS-layout CSV file into a fresh database, read as the options
   * page reads a chosen file (a stream); floor: bulkPut of the rows it wrote.
   */
  async importCsv(messages: number, runs: number) {
    const csv = generateTwcsCsv(messages);
    const file = new File([csv], 'bench.csv', { type: 'text/csv' });
    const times: number[] = [];
    const floor: number[] = [];
    let result: unknown = null;
    for (let r = 0; r < runs; r++) {
      const db = await fresh(IMPORT_DB);
      await db.brands.put(generateStore({ customers: 0, messages: 0, templates: 0, articles: 0 }).brands[0]!);
      const t = now();
      result = await importCsv(db, { file, brandId: MAIN_BRAND, platform: 'x', brandAuthors: ['AcmeSupport'] });
      times.push(now() - t);
      const rows = await readAll(db, ['customers', 'conversations', 'messages']);
      db.close();
      const target = await fresh(FLOOR_DB);
      floor.push(await bulkPutAll(target, rows));
      target.close();
    }
    await Dexie.delete(IMPORT_DB);
    await Dexie.delete(FLOOR_DB);
    return { csvBytes: file.size, times, floor, result };
  },

  /** exportBackup() of the whole store, then parseBackupOffThread() (a worker, as the options page reads it) + applyRestore() into a fresh database; floor: bulkPut of the same rows. */
  async backup(runs: number) {
    const exportMs: number[] = [];
    const parseMs: number[] = [];
    const parseLongestTask: number[] = [];
    const restoreMs: number[] = [];
    const floor: number[] = [];
    let bytes = 0;
    let rows = 0;
    for (let r = 0; r < runs; r++) {
      let t = now();
      const blob = await exportBackup(getDb(), { kind: 'all' });
      exportMs.push(now() - t);
      bytes = blob.size;
      // As the options page reads it: in a worker. The page's longest task meanwhile is what the
      // user feels (the result still arrives as one structured clone).
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
      observer.observe({ type: 'longtask' });
      t = now();
      const parsed = await parseBackupOffThread(blob);
      parseMs.push(now() - t);
      await new Promise((resolve) => setTimeout(resolve, 100)); // long-task entries are delivered late
      observer.disconnect();
      parseLongestTask.push(Math.max(0, ...longTasks));
      if (!parsed.ok) throw new Error(parsed.error);
      const target = await fresh(IMPORT_DB);
      t = now();
      await applyRestore(target, parsed.backup, 'replace');
      restoreMs.push(now() - t);
      target.close();
      const tables = parsed.backup.tables as Record<string, unknown[]>;
      rows = TABLE_NAMES.reduce((n, name) => n + (tables[name]?.length ?? 0), 0);
      const floorDb = await fresh(FLOOR_DB);
      floor.push(await bulkPutAll(floorDb, Object.fromEntries(TABLE_NAMES.map((n) => [n, tables[n] ?? []]))));
      floorDb.close();
    }
    await Dexie.delete(IMPORT_DB);
    await Dexie.delete(FLOOR_DB);
    return { bytes, rows, exportMs, parseMs, parseLongestTask, restoreMs, floor };
  },
};

declare global {
  interface Window {
    __bench?: typeof bench;
  }
}
window.__bench = bench;
export type Bench = typeof bench;
