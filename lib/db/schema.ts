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
import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreTransaction, type EntityTable, type Middleware } from 'dexie';
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
  db.use(recordChangesMiddleware(name));
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

/**
 * Which messages and customers were written, per committed transaction, in every extension
 * context (the background captures, the panel edits tags, the options page imports). The panel's
 * history search keeps its index current with it (lib/panel/history-search.ts).
 *
 * Dexie's own change events ('storagemutated') are not enough: a write of 50 rows or more
 * (a long thread captured, an import batch) is reported as "anything in the table may have
 * changed", without its keys. This reports every key put, added or deleted through Dexie, at no
 * cost to IndexedDB (no index, no extra row): the keys are taken from the write requests. A range
 * deleted without its keys (Collection.delete on a range, Table.clear) is not reported: nothing
 * becomes findable by it, and search drops hits whose record is gone.
 *
 * Other contexts hear of it over a BroadcastChannel, which only same-origin (extension) pages
 * and workers can join — never a content script, which runs in the platform's origin.
 */
export type RecordChanges = { db: string; messages: string[]; customers: string[] };

const CHANGED_TABLES = ['messages', 'customers'] as const;
type ChangedTable = (typeof CHANGED_TABLES)[number];
const isChangedTable = (name: string): name is ChangedTable => (CHANGED_TABLES as readonly string[]).includes(name);

export const RECORD_CHANGES_CHANNEL = 'caseside-record-changes';
const changeListeners = new Set<(changes: RecordChanges) => void>();
let changeChannel: BroadcastChannel | null | undefined;

function recordChangesChannel(): BroadcastChannel | null {
  if (changeChannel !== undefined) return changeChannel;
  changeChannel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(RECORD_CHANGES_CHANNEL);
  if (changeChannel) {
    changeChannel.onmessage = (event: MessageEvent<unknown>) => {
      const changes = parseRecordChanges(event.data);
      if (changes) deliverRecordChanges(changes);
    };
    // Node (tests): do not keep the process alive for it.
    (changeChannel as { unref?: () => void }).unref?.();
  }
  return changeChannel;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function parseRecordChanges(data: unknown): RecordChanges | null {
  if (typeof data !== 'object' || data === null) return null;
  const { db, messages, customers } = data as Record<string, unknown>;
  if (typeof db !== 'string' || !isStringArray(messages) || !isStringArray(customers)) return null;
  return { db, messages, customers };
}

function deliverRecordChanges(changes: RecordChanges): void {
  for (const listener of changeListeners) {
    try {
      listener(changes);
    } catch {
      // A failing listener must not keep the others (or the writer's commit handling) from running.
    }
  }
}

/** Calls `listener` after each committed write of messages or customers, in any extension context. */
export function onRecordChanges(listener: (changes: RecordChanges) => void): () => void {
  recordChangesChannel();
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

function mutatedKeys(req: DBCoreMutateRequest, extractKey: ((value: unknown) => unknown) | null): unknown[] {
  if (req.type === 'deleteRange') return [];
  if (req.type === 'delete') return req.keys;
  return req.keys ?? (extractKey ? req.values.map(extractKey) : []);
}

function recordChangesMiddleware(dbName: string): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'CasesideRecordChanges',
    create(core) {
      const open = new WeakMap<DBCoreTransaction, RecordChanges>();
      return {
        ...core,
        transaction(stores, mode, options) {
          const trans = core.transaction(stores, mode, options);
          if (mode === 'readwrite' && stores.some(isChangedTable)) {
            const changes: RecordChanges = { db: dbName, messages: [], customers: [] };
            open.set(trans, changes);
            // Added before Dexie sets its own `oncomplete`, so listeners in this context hear of the
            // commit before any code awaiting the write resumes (a search right after a tag edit).
            (trans as unknown as EventTarget).addEventListener('complete', () => {
              if (changes.messages.length === 0 && changes.customers.length === 0) return;
              deliverRecordChanges(changes);
              recordChangesChannel()?.postMessage(changes);
            });
          }
          return trans;
        },
        table(tableName) {
          const table = core.table(tableName);
          if (!isChangedTable(tableName)) return table;
          const { extractKey } = table.schema.primaryKey;
          return {
            ...table,
            mutate(req) {
              const changes = open.get(req.trans);
              if (changes) {
                const into = changes[tableName];
                for (const key of mutatedKeys(req, extractKey)) if (typeof key === 'string') into.push(key);
              }
              return table.mutate(req);
            },
          };
        },
      };
    },
  };
}
