/**
 * Knowledge-base articles (and pages attached to a customer's history). Every read and write
 * names its brand; a row of another brand is treated as absent.
 *
 * Re-capturing a page replaces the earlier capture of that page in the same place (the brand's
 * knowledge base, or the same customer's history), keeping its id. "That page" is any address
 * with the same articleKey (lib/knowledge/page-url.ts), the key the suggestion engine keeps one
 * entry per: http or https, with or without "www." or a trailing slash, with or without tracking
 * parameters.
 *
 * Search runs on a MiniSearch index per brand, cached in memory and rebuilt when the brand's
 * knowledge-base revision (a `meta` row bumped by every write here to the knowledge base, in the
 * same transaction; pages kept in a customer's history do not move it) has changed — so writes
 * from another extension context (options page) are seen too. An open panel's suggestion engine
 * follows the same revision (lib/panel/suggester.ts syncArticles), reading only the pages the
 * change log beside it names (kbChangesSince).
 */
import Dexie from 'dexie';
import { z } from 'zod';
import { KbArticleSchema, type KbArticle } from '../records';
import type { CasesideDb } from '../schema';
import { createArticleIndex, type ArticleIndex } from '../../search/article-index';
import { makeSnippet, type Snippet } from '../../search/snippet';
import { articleKey } from '../../knowledge/page-url';

export const kbRevisionKey = (brandId: string) => `kb:revision:${brandId}`;
export const KB_CHANGES_PREFIX = 'kb:changes:';
/** The brand's recent knowledge-base changes: [revision, article id] pairs, oldest first (readKbChanges). */
export const kbChangesKey = (brandId: string) => `${KB_CHANGES_PREFIX}${brandId}`;
/** Changes kept in the log: an open panel further behind than this reads the whole knowledge base. */
export const KB_CHANGES_KEPT = 200;

/**
 * Moves the brand's knowledge-base revision past both its stored value and `atLeast` (a restore
 * passes the value from before it wrote, since the backup's own meta row may have replaced it).
 * `changed`: the ids of the pages this write added, replaced or deleted, logged under the new
 * revision (readKbChanges). A bump without them (a restore) leaves a gap in the log, so whoever
 * is behind it reads the whole knowledge base. Call inside the write's transaction.
 */
export async function bumpKbRevision(db: CasesideDb, brandId: string, atLeast = 0, changed?: readonly string[]): Promise<void> {
  const current = await readKbRevision(db, brandId);
  const revision = Math.max(current, atLeast) + 1;
  await db.meta.put({ key: kbRevisionKey(brandId), value: revision });
  if (!changed) return;
  const log = await readKbChanges(db, brandId);
  await db.meta.put({ key: kbChangesKey(brandId), value: [...log, ...changed.map((id) => [revision, id] as const)].slice(-KB_CHANGES_KEPT) });
}

/** The brand's knowledge-base revision: changes with every capture, rename and delete. */
export async function readKbRevision(db: CasesideDb, brandId: string): Promise<number> {
  const row = await db.meta.get(kbRevisionKey(brandId));
  return typeof row?.value === 'number' ? row.value : 0;
}

const ChangeLogSchema = z.array(z.tuple([z.number(), z.string()]));

/** The logged changes (bumpKbRevision's `changed`), oldest first; none when the row is missing or not a log. */
export async function readKbChanges(db: CasesideDb, brandId: string): Promise<[number, string][]> {
  const parsed = ChangeLogSchema.safeParse((await db.meta.get(kbChangesKey(brandId)))?.value);
  return parsed.success ? parsed.data : [];
}

/**
 * The ids of the knowledge-base pages changed (added, replaced, renamed or deleted) after
 * revision `since` up to the current one, or null when the log cannot say: a revision in between
 * has no logged change (a restore, or a write older than the log), or it was dropped from the log.
 * Read inside one transaction with the pages themselves.
 */
export async function kbChangesSince(db: CasesideDb, brandId: string, since: number): Promise<{ revision: number; ids: string[] | null }> {
  const [revision, log] = await Promise.all([readKbRevision(db, brandId), readKbChanges(db, brandId)]);
  if (revision <= since || revision - since > KB_CHANGES_KEPT) return { revision, ids: revision === since ? [] : null };
  const logged = new Set<number>();
  const ids = new Set<string>();
  for (const [r, id] of log) {
    if (r <= since || r > revision) continue;
    logged.add(r);
    ids.add(id);
  }
  for (let r = since + 1; r <= revision; r++) if (!logged.has(r)) return { revision, ids: null };
  return { revision, ids: [...ids] };
}

const newestFirst = (a: KbArticle, b: KbArticle) => b.capturedAt - a.capturedAt;

/**
 * The brand's rows whose address is the same page as `url` (articleKey), read from the
 * [brandId+url] index keys alone: the pages themselves (with their HTML) are read only for
 * those that match.
 */
async function samePage(db: CasesideDb, brandId: string, url: string): Promise<KbArticle[]> {
  const key = articleKey(url);
  const ids: string[] = [];
  await db.kbArticles
    .where('[brandId+url]')
    .between([brandId, Dexie.minKey], [brandId, Dexie.maxKey])
    .eachKey((indexKey, cursor) => {
      const rowUrl = (indexKey as [string, string])[1];
      if (rowUrl === url || articleKey(rowUrl) === key) ids.push(String(cursor.primaryKey));
    });
  // Usually none or one.
  const rows = await Promise.all(ids.map((id) => db.kbArticles.get(id)));
  return rows.filter((a): a is KbArticle => a?.brandId === brandId);
}

/**
 * Stores a captured article; a previous capture of the same page (articleKey) in the same place
 * (knowledge base, or the same customer) is replaced and its id kept (the oldest one's, when
 * concurrent captures left more than one). Returns the stored record, under its new address.
 */
export async function addArticle(db: CasesideDb, input: KbArticle): Promise<KbArticle> {
  const article = KbArticleSchema.parse(input);
  return db.transaction('rw', db.kbArticles, db.meta, async () => {
    const previous = (await samePage(db, article.brandId, article.url))
      .filter((a) => a.customerId === article.customerId)
      .sort((a, b) => a.capturedAt - b.capturedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const stored = previous[0] ? { ...article, id: previous[0].id } : article;
    // More than one earlier row comes from concurrent captures, or from captures kept before
    // addresses were compared by articleKey; keep one.
    const dropped = previous.slice(1).map((a) => a.id);
    await db.kbArticles.bulkDelete(dropped);
    await db.kbArticles.put(stored);
    if (stored.customerId === null) await bumpKbRevision(db, article.brandId, 0, [stored.id, ...dropped]);
    return stored;
  });
}

/** The brand's knowledge base (pages not attached to a customer), newest first. */
export async function listArticles(db: CasesideDb, brandId: string): Promise<KbArticle[]> {
  const rows = await db.kbArticles.where('brandId').equals(brandId).toArray();
  return rows.filter((a) => a.customerId === null).sort(newestFirst);
}

/**
 * The brand's newest `limit` knowledge-base pages, newest first, and whether there are more:
 * reads about `limit` pages (from the [brandId+capturedAt] index, newest first), not the whole
 * knowledge base with its HTML.
 */
export async function listArticlesPage(db: CasesideDb, brandId: string, limit: number): Promise<{ articles: KbArticle[]; more: boolean }> {
  const rows = await db.kbArticles
    .where('[brandId+capturedAt]')
    .between([brandId, Dexie.minKey], [brandId, Dexie.maxKey])
    .reverse()
    .filter((a) => a.customerId === null)
    .limit(limit + 1)
    .toArray();
  return { articles: rows.slice(0, limit), more: rows.length > limit };
}

/** Pages captured into one customer's history, newest first. */
export async function articlesForCustomer(db: CasesideDb, brandId: string, customerId: string): Promise<KbArticle[]> {
  const rows = await db.kbArticles.where('customerId').equals(customerId).toArray();
  return rows.filter((a) => a.brandId === brandId).sort(newestFirst);
}

export async function getArticle(db: CasesideDb, brandId: string, id: string): Promise<KbArticle | undefined> {
  const row = await db.kbArticles.get(id);
  return row?.brandId === brandId ? row : undefined;
}

const TitleSchema = z.string().trim().min(1).max(1000);

/** Renames an article. False when there is no such article in this brand. Throws on an empty title. */
export async function updateTitle(db: CasesideDb, brandId: string, id: string, title: string): Promise<boolean> {
  const clean = TitleSchema.parse(title);
  return db.transaction('rw', db.kbArticles, db.meta, async () => {
    const row = await db.kbArticles.get(id);
    if (row?.brandId !== brandId) return false;
    await db.kbArticles.update(id, { title: clean });
    if (row.customerId === null) await bumpKbRevision(db, brandId, 0, [id]);
    return true;
  });
}

/** False when there is no such article in this brand. */
export async function deleteArticle(db: CasesideDb, brandId: string, id: string): Promise<boolean> {
  return db.transaction('rw', db.kbArticles, db.meta, async () => {
    const row = await db.kbArticles.get(id);
    if (row?.brandId !== brandId) return false;
    await db.kbArticles.delete(id);
    if (row.customerId === null) await bumpKbRevision(db, brandId, 0, [id]);
    return true;
  });
}

export type ArticleResult = { article: KbArticle; score: number; snippet: Snippet };

type CachedIndex = { revision: number; index: ArticleIndex };
const indexCache = new WeakMap<CasesideDb, Map<string, CachedIndex>>();

/**
 * The brand's search index at the current revision: the cached one as it is, or brought up to
 * date with only the pages the change log names (kbChangesSince), or built again from every page
 * when the log cannot say (a restore, a first search).
 */
async function articleIndex(db: CasesideDb, brandId: string): Promise<ArticleIndex> {
  let perBrand = indexCache.get(db);
  if (!perBrand) indexCache.set(db, (perBrand = new Map()));
  const cached = perBrand.get(brandId);
  const { revision, changes, all } = await db.transaction('r', db.kbArticles, db.meta, async () => {
    const since = cached ? await kbChangesSince(db, brandId, cached.revision) : { revision: await readKbRevision(db, brandId), ids: null };
    if (since.ids) return { revision: since.revision, changes: zipRows(since.ids, await db.kbArticles.bulkGet(since.ids)), all: null };
    return { revision: since.revision, changes: null, all: await listArticles(db, brandId) };
  });
  if (cached && changes) {
    for (const [id, row] of changes) {
      if (row?.brandId === brandId && row.customerId === null) cached.index.replace(row);
      else cached.index.remove(id);
    }
    cached.revision = revision;
    return cached.index;
  }
  const index = createArticleIndex(all ?? []);
  perBrand.set(brandId, { revision, index });
  return index;
}

const zipRows = (ids: readonly string[], rows: readonly (KbArticle | undefined)[]) => ids.map((id, i) => [id, rows[i]] as const);

/** Full-text search over the brand's knowledge base (title, excerpt, text), best first. */
export async function searchArticles(
  db: CasesideDb,
  brandId: string,
  query: string,
  options: { limit?: number } = {},
): Promise<ArticleResult[]> {
  const limit = Math.max(1, Math.min(100, Math.floor(options.limit ?? 10)));
  const hits = (await articleIndex(db, brandId)).search(query, limit);
  if (hits.length === 0) return [];
  const rows = await db.kbArticles.bulkGet(hits.map((h) => h.id));
  const results: ArticleResult[] = [];
  hits.forEach((hit, i) => {
    const article = rows[i];
    // Deleted since the index was built, or (never expected) another brand's row.
    if (!article || article.brandId !== brandId || article.customerId !== null) return;
    // A title-only match has nothing to highlight in the text: show the excerpt instead.
    const inText = makeSnippet(article.text, hit.terms);
    const snippet = inText.matches.length > 0 ? inText : makeSnippet(article.excerpt, hit.terms);
    results.push({ article, score: hit.score, snippet });
  });
  return results;
}
