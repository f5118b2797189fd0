/**
 * Builds the brand's suggestion engine from the database: its templates, its own past replies
 * (each paired with the customer message it answered) and its knowledge base.
 *
 * Templates and articles are indexed at once, so suggestions appear immediately; past replies
 * (up to 50,000) are added in chunks that yield to the page between them, and the panel
 * re-ranks as they arrive. One engine per brand per panel, kept while the panel lives (the
 * panel frame survives the platform's in-app navigation).
 */
import Dexie from 'dexie';
import { createSuggester, type PastPair, type Suggester } from '../suggest/engine';
import type { CasesideDb } from '../db/schema';
import type { KbArticle, Message, Template } from '../db/records';
import { kbChangesSince, readKbRevision } from '../db/repositories/kb';
import { articleKey, withoutTracking } from '../knowledge/page-url';

/** The engine is measured with this many pairs (evaluation.md §3); older ones add little. */
const MAX_PAIRS = 50_000;
const CHUNK = 1_000;

export interface BrandSuggester {
  /** The brand whose replies, templates and articles the engine holds (never another's). */
  brandId: string;
  suggester: Suggester;
  /** Past replies indexed so far / in all (total is 0 until they are read); done once all are in. */
  progress: { indexed: number; total: number; done: boolean };
  /** Resolves when every past reply is indexed. */
  complete: Promise<void>;
  /** Called after each chunk of past replies is indexed. */
  onProgress: Set<() => void>;
  /**
   * Per conversation, the send time of the last reply learnConversation learnt, and how many of
   * the conversation's messages were sent by then (more later means one was recorded late).
   */
  learntUntil: Map<string, { at: number; messages: number }>;
  /** Template id → updatedAt of the version the engine holds (syncTemplates). */
  templateVersions: Map<string, number>;
  /** templatesStamp of the templates the engine holds. */
  templatesStamp: string;
  /**
   * Article id → its key (articleKey), version (articleVersion) and capture time, for every page of
   * the knowledge base the engine knows of, whether or not it is the one suggested for its key.
   */
  articleVersions: Map<string, ArticleEntry>;
  /** Key → the id and version of the page the engine holds for it: the newest captured of those with that key. */
  articleHolders: Map<string, { id: string; version: string; url: string }>;
  /** The knowledge-base revision (readKbRevision) the engine's articles were read at. */
  kbRevision: number;
}

/** What of an article the engine uses: a re-capture (new text) changes capturedAt, a rename the title. */
const articleVersion = (a: Pick<KbArticle, 'url' | 'title' | 'capturedAt'>): string => `${a.capturedAt}\u0000${a.title}\u0000${a.url}`;
type ArticleEntry = { key: string; version: string; capturedAt: number };
const articleEntry = (a: KbArticle): ArticleEntry => ({ key: articleKey(a.url), version: articleVersion(a), capturedAt: a.capturedAt });
/**
 * A page as the engine gets it: its address without tracking parameters (pages kept before
 * capture removed them still carry them; a suggested link goes into a public reply).
 */
const forEngine = (a: KbArticle): KbArticle => {
  const url = withoutTracking(a.url);
  return url === a.url ? a : { ...a, url };
};
/** Of two pages with one key, the one suggested: the newest capture (then the greater id, so every engine agrees). */
const newer = (a: { id: string; capturedAt: number }, b: { id: string; capturedAt: number }): boolean =>
  a.capturedAt > b.capturedAt || (a.capturedAt === b.capturedAt && a.id > b.id);

/** The brand's knowledge base as the engine sees it (pages attached to a customer are not in it). */
const knowledgeBase = (db: CasesideDb, brandId: string): Promise<KbArticle[]> =>
  db.kbArticles.where('brandId').equals(brandId).filter((a) => a.customerId === null).toArray();

const cache = new Map<string, Promise<BrandSuggester>>();

/** Who a pair's reply went to, for its handle (and name, when the message did not show one). */
interface Addressee {
  customerId: string;
  platform: Message['platform'];
  /** The name the customer's message was shown under (Message.author), '' when none. */
  name: string;
}

/**
 * Pairs up messages given in send order: consecutive customer messages are one question, and the
 * brand's next message in that conversation is its answer. A brand message with no unanswered
 * question before it (a second message in a row, a follow-up, the first word in a DM) is still
 * learnt, with no customer text: it counts for "frequent" and "recent", never as a neighbour.
 *
 * Every reply is generalised for the customer it went to (their name and handle become variables,
 * lib/suggest/generalise.ts), so each pair says who that was: the author of the question, or, for
 * a reply with none before it ("Thanks for your patience, Jane."), the last customer who wrote in
 * that conversation — else the one the reply is filed under. Their handle is read from the
 * customer row afterwards ({@link addressPairs}): a message row holds only the name shown.
 *
 * `learn: false` (take(m, false)) only follows the conversation: messages already learnt, read
 * so that a later reply knows its customer.
 */
function pairer(): { take(m: Message, learn?: boolean): void; pairs: PastPair[]; to: Map<PastPair, Addressee> } {
  const lastInbound = new Map<string, { text: string; author: Addressee }>();
  const lastCustomer = new Map<string, Addressee>();
  const pairs: PastPair[] = [];
  const to = new Map<PastPair, Addressee>();
  return {
    pairs,
    to,
    take(m, learn = true) {
      if (m.direction === 'in') {
        const prev = lastInbound.get(m.conversationId);
        const author = { customerId: m.customerId, platform: m.platform, name: m.author };
        lastInbound.set(m.conversationId, { text: prev ? `${prev.text}\n${m.text}` : m.text, author });
        lastCustomer.set(m.conversationId, author);
      } else if (m.direction === 'out') {
        const q = lastInbound.get(m.conversationId);
        lastInbound.delete(m.conversationId);
        if (!learn) return;
        const addressee = q?.author ?? lastCustomer.get(m.conversationId) ?? { customerId: m.customerId, platform: m.platform, name: '' };
        const pair: PastPair = { id: m.id, customerText: q?.text ?? '', replyText: m.text, customerName: addressee.name || undefined, customerId: m.customerId, at: m.sentAt };
        pairs.push(pair);
        to.set(pair, addressee);
      }
    },
  };
}

/**
 * Gives each pair the handle of the customer its reply went to (their identity on the message's
 * platform) and, when the message showed no name, the customer's display name. Without them a
 * reply's "@jane_d" or "Jane" would be learnt as written and suggested to the next customer.
 */
async function addressPairs(db: CasesideDb, pairs: readonly PastPair[], to: ReadonlyMap<PastPair, Addressee>): Promise<void> {
  const ids = [...new Set([...to.values()].map((a) => a.customerId))];
  if (!ids.length) return;
  const rows = await db.customers.bulkGet(ids);
  const customers = new Map(ids.map((id, i) => [id, rows[i]]));
  for (const pair of pairs) {
    const a = to.get(pair);
    const c = a && customers.get(a.customerId);
    if (!a || !c) continue;
    const identities = c.identities.filter((x) => x.platform === a.platform && x.handle);
    const handle = (identities.find((x) => x.displayName && x.displayName === a.name) ?? identities[0])?.handle;
    if (handle) pair.customerHandle = handle;
    if (!pair.customerName && c.displayName) pair.customerName = c.displayName;
  }
}

/** (customer message → brand reply) pairs from stored history, newest last. */
export async function pastPairs(db: CasesideDb, brandId: string, limit = MAX_PAIRS): Promise<PastPair[]> {
  const p = pairer();
  await db.messages
    .where('[brandId+sentAt]')
    .between([brandId, -Infinity], [brandId, Infinity])
    .each((m) => p.take(m));
  const pairs = p.pairs.slice(-limit);
  await addressPairs(db, pairs, p.to);
  return pairs;
}

/**
 * Learns the replies of one conversation as soon as they are recorded (the agent's answer in this
 * tab helps in the next conversation without reopening the panel); returns how many it learnt.
 * Idempotent: pairs are keyed by message id, so learning a conversation again, or before the
 * history read reaches it, does not count a reply twice.
 * Later calls pair only what was sent after the last reply learnt, so a 10,000-message
 * conversation is not re-indexed for each new message. A message recorded late with an older time
 * (found by scrolling up) makes the whole conversation be paired again: its question or answer
 * may change pairs already learnt, and unchanged pairs cost nothing.
 */
export async function learnConversation(built: BrandSuggester, db: CasesideDb, conversationId: string): Promise<number> {
  const learnt = built.learntUntil.get(conversationId);
  // Every participant's messages (in a public thread others write too, under their own customer
  // id). There is no (conversation, time) index: adding one would cost a 100,000-message store
  // 13 s on its first open after an update (measured), so the conversation is read whole and
  // only what follows the last learnt reply is paired; re-adding a known pair costs nothing.
  // Only the engine's own brand is learnt: a conversation id of another brand (a tab that has
  // not caught up with an account switch) teaches it nothing.
  const all = (await db.messages.where('conversationId').equals(conversationId).toArray()).filter((m) => m.brandId === built.brandId);
  const late = !!learnt && all.filter((m) => m.sentAt <= learnt.at).length > learnt.messages;
  const since = learnt && !late ? learnt.at : -Infinity;
  const messages = all.sort((a, b) => a.sentAt - b.sentAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const p = pairer();
  // What was learnt already is followed, not learnt again: a reply after it with no question of
  // its own still knows the conversation's customer (their name is taken out of it).
  for (const m of messages) p.take(m, m.sentAt > since);
  await addressPairs(db, p.pairs, p.to);
  for (const pair of p.pairs) built.suggester.addPair(pair);
  const at = Math.max(p.pairs[p.pairs.length - 1]?.at ?? -Infinity, learnt?.at ?? -Infinity);
  if (at > -Infinity) built.learntUntil.set(conversationId, { at, messages: all.filter((m) => m.sentAt <= at).length });
  return p.pairs.length;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function build(db: CasesideDb, brandId: string): Promise<BrandSuggester> {
  // The revision first: a write between the two reads makes the panel's next look newer, and
  // syncArticles then picks it up.
  const kbRevision = await readKbRevision(db, brandId);
  const [{ detectLanguage }, brand, templates, articles] = await Promise.all([
    // Its own chunk (a ~1 MB language model): loaded when suggestions are first needed.
    import('../suggest/language'),
    db.brands.get(brandId),
    db.templates.where('brandId').equals(brandId).toArray(),
    knowledgeBase(db, brandId),
  ]);
  // Oldest first: of pages sharing a key (kept under addresses that differ only in "www.", a
  // trailing slash or tracking parameters, before addArticle compared them so), the engine keeps
  // the one added last, which must be the newest capture, not whichever id sorts last.
  articles.sort((a, b) => (newer(a, b) ? 1 : newer(b, a) ? -1 : 0));
  const engineArticles = articles.map(forEngine);
  const suggester = createSuggester({
    brand: {
      name: brand?.name ?? '',
      signature: brand?.signature,
      tone: brand?.tone,
      handles: (brand?.accounts ?? []).flatMap((a) => (a.handle ? [a.handle] : [])),
    },
    templates,
    articles: engineArticles,
    detectLanguage,
  });
  const articleHolders = new Map<string, { id: string; version: string; url: string }>();
  engineArticles.forEach((a, i) => {
    const entry = articleEntry(articles[i]!);
    articleHolders.set(entry.key, { id: a.id, version: entry.version, url: a.url });
  });
  const result: BrandSuggester = {
    brandId,
    suggester,
    progress: { indexed: 0, total: 0, done: false },
    complete: Promise.resolve(),
    onProgress: new Set(),
    learntUntil: new Map(),
    templateVersions: new Map(templates.map((t) => [t.id, t.updatedAt])),
    templatesStamp: templatesStamp(templates),
    articleVersions: new Map(articles.map((a) => [a.id, articleEntry(a)])),
    articleHolders,
    kbRevision,
  };
  result.complete = (async () => {
    try {
      const pairs = await pastPairs(db, brandId);
      result.progress.total = pairs.length;
      // Newest first: the most relevant memory is usable soonest.
      for (let end = pairs.length; end > 0; end -= CHUNK) {
        for (const pair of pairs.slice(Math.max(0, end - CHUNK), end)) suggester.addPair(pair);
        result.progress.indexed = pairs.length - Math.max(0, end - CHUNK);
        for (const listener of result.onProgress) listener();
        await nextTask();
      }
    } finally {
      // Done also when reading failed: the panel then says so instead of "learning" forever.
      result.progress.done = true;
    }
  })();
  return result;
}

export function suggesterFor(db: CasesideDb, brandId: string): Promise<BrandSuggester> {
  let p = cache.get(brandId);
  if (!p) {
    p = build(db, brandId);
    p.catch(() => cache.delete(brandId));
    cache.set(brandId, p);
  }
  return p;
}

/**
 * What the engine's templates depend on: which templates there are and when each was last
 * saved. A use (useCount) does not change it, so inserting a template does not re-sync.
 */
export function templatesStamp(templates: readonly Pick<Template, 'id' | 'updatedAt'>[]): string {
  let latest = 0;
  for (const t of templates) latest = Math.max(latest, t.updatedAt);
  return `${templates.length}/${latest}`;
}

/**
 * templatesStamp of the brand's stored templates, read from the [brandId+updatedAt] index keys
 * alone: no template is read, and a live query on it is not woken by a use (a useCount change
 * leaves the index keys as they were), only by a save, an import or a delete.
 */
export async function storedTemplatesStamp(db: CasesideDb, brandId: string): Promise<string> {
  const range = () => db.templates.where('[brandId+updatedAt]').between([brandId, Dexie.minKey], [brandId, Dexie.maxKey]);
  const [count, last] = await Promise.all([range().count(), range().lastKey()]);
  const latest = Array.isArray(last) && typeof last[1] === 'number' ? last[1] : 0;
  return `${count}/${latest}`;
}

/**
 * Brings the engine's templates up to date with the stored ones (added, edited, deleted on the
 * options page or saved from a card) without re-reading the past replies, which a rebuild would
 * (about 10 s for 50,000). Returns how many templates changed.
 */
export async function syncTemplates(built: BrandSuggester, db: CasesideDb, brandId: string, stamp?: string): Promise<number> {
  // The stamp the caller saw is the one the engine holds (a panel opening): nothing to read.
  if (stamp !== undefined && stamp === built.templatesStamp) return 0;
  const rows = await db.templates.where('brandId').equals(brandId).toArray();
  built.templatesStamp = templatesStamp(rows);
  const stored = new Set<string>();
  let changed = 0;
  for (const t of rows) {
    stored.add(t.id);
    if (built.templateVersions.get(t.id) === t.updatedAt) continue;
    built.suggester.addTemplate(t); // replaces an older version
    built.templateVersions.set(t.id, t.updatedAt);
    changed++;
  }
  for (const id of [...built.templateVersions.keys()]) {
    if (stored.has(id)) continue;
    built.suggester.removeTemplate(id);
    built.templateVersions.delete(id);
    changed++;
  }
  return changed;
}

/**
 * Brings the engine's articles up to date with the brand's knowledge base (a page captured or
 * captured again, renamed or deleted on the options page) without re-reading the past replies,
 * as syncTemplates does for templates. `revision` is the readKbRevision the caller saw: when the
 * engine holds it, nothing is read. Otherwise only the pages the knowledge base's change log
 * names since the engine's revision are read (kbChangesSince): a capture or rename in a
 * 2,000-page knowledge base reads one page, not 2,000 with their HTML. When the log cannot say
 * (a restore, or more changes than it keeps), every page is read and compared. Returns how many
 * articles changed.
 */
export async function syncArticles(built: BrandSuggester, db: CasesideDb, brandId: string, revision?: number): Promise<number> {
  if (revision !== undefined && revision === built.kbRevision) return 0;
  const read = await db.transaction('r', db.kbArticles, db.meta, async () => {
    const since = await kbChangesSince(db, brandId, built.kbRevision);
    if (since.ids === null) return { revision: since.revision, all: true as const, rows: await knowledgeBase(db, brandId) };
    const rows = await db.kbArticles.bulkGet(since.ids);
    return { revision: since.revision, all: false as const, ids: since.ids, rows };
  });
  built.kbRevision = read.revision;
  // What the knowledge base now holds for each id read (undefined: deleted, or kept in a
  // customer's history instead, which the engine does not use).
  const current = new Map<string, KbArticle | undefined>();
  if (read.all) {
    for (const id of built.articleVersions.keys()) current.set(id, undefined);
    for (const a of read.rows) current.set(a.id, a);
  } else {
    read.ids.forEach((id, i) => {
      const a = read.rows[i];
      current.set(id, a?.brandId === brandId && a.customerId === null ? a : undefined);
    });
  }
  // The keys whose page the engine may now hold wrongly: a page of theirs was added, changed
  // (recaptured, renamed, or moved to another address) or deleted.
  const affected = new Set<string>();
  for (const [id, a] of current) {
    const held = built.articleVersions.get(id);
    if (!a) {
      if (!held) continue;
      built.articleVersions.delete(id);
      affected.add(held.key);
      continue;
    }
    const entry = articleEntry(a);
    if (held?.version === entry.version) continue; // the version holds the address: same key too
    if (held) affected.add(held.key);
    affected.add(entry.key);
    built.articleVersions.set(id, entry);
  }
  if (!affected.size) return 0;
  // Each key's page is the newest capture of those with that key. A page not read this time
  // (whose key a read one shares) is read now if it becomes the one; gone since, the next newest.
  const byKey = new Map<string, { id: string; capturedAt: number; version: string }[]>();
  for (const [id, entry] of built.articleVersions) {
    if (!affected.has(entry.key)) continue;
    const list = byKey.get(entry.key) ?? [];
    list.push({ id, capturedAt: entry.capturedAt, version: entry.version });
    byKey.set(entry.key, list);
  }
  for (const list of byKey.values()) list.sort((a, b) => (newer(a, b) ? -1 : newer(b, a) ? 1 : 0));
  let changed = 0;
  for (const key of affected) {
    const holder = built.articleHolders.get(key);
    let chosen: { row: KbArticle | null; version: string } | undefined;
    for (const c of byKey.get(key) ?? []) {
      if (holder?.id === c.id && holder.version === c.version) {
        chosen = { row: null, version: c.version }; // held already, as it is
        break;
      }
      const a = current.get(c.id) ?? (await db.kbArticles.get(c.id));
      if (a?.brandId === brandId && a.customerId === null && articleVersion(a) === c.version) {
        chosen = { row: a, version: c.version };
        break;
      }
      built.articleVersions.delete(c.id); // changed since: the next sync reads it
    }
    if (chosen && !chosen.row) continue;
    if (!chosen?.row) {
      if (!holder) continue;
      built.suggester.removeArticle(holder.url);
      built.articleHolders.delete(key);
      changed++;
      continue;
    }
    const page = forEngine(chosen.row);
    built.suggester.addArticle(page); // replaces the entry at its key
    built.articleHolders.set(key, { id: chosen.row.id, version: chosen.version, url: page.url });
    changed++;
  }
  return changed;
}

/** Drops the brand's engine: the next suggesterFor builds it again from the database. */
export function invalidateSuggester(brandId: string): void {
  cache.delete(brandId);
}
