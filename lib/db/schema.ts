/**
 * The Dexie database. Opened only from extension-origin code (background, panel, options):
 * IndexedDB opened from a content script would belong to the platform's origin
 * (tests/unit/boundary.test.ts enforces that no content-script module imports this).
 *
 * Versions are only ever appended. Each new version states its stores in full and, when
 * data must change shape, an upgrade function with a test on example data of the previous
 * version (tests/unit/db-migrations.test.ts).
 *
 * Indexes cover what is queried and nothing else: message and note bodies are never indexed
 * (full-text search runs on its own index, lib/search).
 */
import Dexie, { type EntityTable } from 'dexie';
import type {
  Brand,
  Case,
  Conversation,
  Customer,
  FollowUp,
  KbArticle,
  Message,
  Meta,
  Note,
  Template,
} from './records';

export const DB_NAME = 'caseside';

export type CasesideDb = Dexie & {
  brands: EntityTable<Brand, 'id'>;
  customers: EntityTable<Customer, 'id'>;
  conversations: EntityTable<Conversation, 'id'>;
  messages: EntityTable<Message, 'id'>;
  cases: EntityTable<Case, 'id'>;
  notes: EntityTable<Note, 'id'>;
  followUps: EntityTable<FollowUp, 'id'>;
  templates: EntityTable<Template, 'id'>;
  kbArticles: EntityTable<KbArticle, 'id'>;
  meta: EntityTable<Meta, 'key'>;
};

/** Version 1 stores. Kept as a constant so migration tests can open a v1 database. */
export const STORES_V1 = {
  brands: 'id',
  customers: 'id, brandId, [brandId+lastSeenAt], *identityKeys',
  conversations: 'id, customerId, [brandId+lastMessageAt]',
  messages: 'id, conversationId, [customerId+sentAt], [brandId+sentAt]',
  cases: 'id, customerId, [brandId+status], [brandId+reference]',
  notes: 'id, caseId, customerId, brandId',
  followUps: 'id, caseId, customerId, [brandId+dueAt], dueAt',
  templates: 'id, brandId',
  kbArticles: 'id, brandId, customerId, [brandId+url]',
  meta: 'key',
} as const;

/**
 * Version 2 adds templates by [brandId+updatedAt]: the panel watches a brand's templates through
 * their count and latest save, read from index keys alone, so recording a use (useCount, which
 * does not move updatedAt) no longer re-reads every template of the brand. No data changes shape.
 */
export const STORES_V2 = { ...STORES_V1, templates: 'id, brandId, [brandId+updatedAt]' } as const;

/**
 * Version 3 adds knowledge-base pages by [brandId+capturedAt]: the options page lists a brand's
 * newest pages a page at a time instead of reading every page (with its HTML) to show them all.
 * No data changes shape.
 */
export const STORES_V3 = { ...STORES_V2, kbArticles: 'id, brandId, customerId, [brandId+url], [brandId+capturedAt]' } as const;

/** The stores of the current version. */
export const STORES = STORES_V3;

export function createDb(name = DB_NAME): CasesideDb {
  const db = new Dexie(name) as CasesideDb;
  db.version(1).stores(STORES_V1);
  db.version(2).stores(STORES_V2);
  db.version(3).stores(STORES_V3);
  // An extension update (or another context) opening a newer version must not leave this
  // context holding a stale connection that blocks the upgrade: close, keeping auto-open on
  // (a plain close() disables it in Dexie 4), so the next query reopens at the new version.
  // The panel also listens for 'versionchange' and offers to reload.
  db.on('versionchange', () => {
    db.close({ disableAutoOpen: false });
    return false;
  });
  return db;
}

let shared: CasesideDb | undefined;
/** The one database connection of this extension context. */
export function getDb(): CasesideDb {
  shared ??= createDb();
  return shared;
}
