/**
 * Importing past conversations from CSV (issue 7, part 4).
 *
 * Read (a file as a stream) → rows (csv-rows.ts) → threads (csv-threads.ts) → records, all before the database is
 * touched; then every write happens in ONE read-write transaction over customers,
 * conversations and messages (bulkPut in batches of 5,000), so a failed import leaves the
 * store exactly as it was. By default any bad row refuses the whole file (the first 20
 * problems are returned with their line numbers); `skipInvalidRows` imports the rest.
 *
 * Merging with what is stored: a customer is found by identity key (same brand, platform and
 * handle) and keeps its id; a stored conversation keeps its customer; a stored message is left
 * as it is (re-importing a file adds nothing twice).
 *
 * Attribution: an incoming message belongs to its author's customer record; an outgoing one to
 * the conversation's customer. TWCS author ids are anonymised numbers and become the handle.
 */
import { agentMessage } from '../db/errors';
import { unreadableFileReason, type TextEncodingName } from './text-encoding';
import type { ConversationKind, Platform } from '../platforms/snapshot';
import { conversationKey, identityKeys, messageKey, newId } from '../db/ids';
import type { Brand, Conversation, Customer, Message } from '../db/records';
import { retentionCutoff } from '../db/retention';
import type { CasesideDb } from '../db/schema';
import { t } from '../i18n';
import { formatIssue, ROW_SCHEMAS } from './backup-schema';
import { formatMb } from './parse-backup';
import { authorKey, type CsvMapping, type CsvRow, guessMapping, readCsvBlob, readCsvRows, type RowError } from './csv-rows';
import { buildThreads, SKIP_NOT_BRAND } from './csv-threads';

export { sniffCsv, sniffCsvFile, type SniffResult, type CsvMapping, type GenericMapping, type RowError } from './csv-rows';

export const CSV_BATCH_ROWS = 5_000;
export const MAX_CSV_BYTES = 200 * 1024 * 1024;
const MAX_REPORTED_ERRORS = 20;

export type CsvImportOptions = {
  text?: string;
  file?: Blob;
  brandId: string;
  platform: Platform;
  /** Defaults to the layout guessed from the header. */
  mapping?: CsvMapping;
  /** Defaults: x → x-thread, facebook → fb-messenger. */
  kind?: ConversationKind;
  /** Author ids/handles of the brand (rows by them are outgoing). Defaults to the brand's accounts on `platform`. */
  brandAuthors?: string[];
  /**
   * Keep only threads where a brand author replied (one brand out of a multi-brand file); other
   * accounts' replies in them are skipped. Also on, whatever is given here, for a TWCS-layout file
   * when no brandAuthors are given, the brand has accounts on `platform` and other accounts reply.
   */
  onlyBrandThreads?: boolean;
  /**
   * No brandAuthors given and the brand has no account on `platform`: refuse a TWCS-layout file
   * whose replies come from several accounts (the options page; whose are the brand's cannot be told) instead of
   * importing every reply as the brand's.
   */
  refuseUnknownReplies?: boolean;
  /** Import the valid rows even when some rows are bad (they are reported and skipped). */
  skipInvalidRows?: boolean;
  /**
   * Also import messages sent before the brand's retention window (Brands → Keep history). Off by
   * default: the next daily clean-up would delete them, so they are skipped and counted instead.
   */
  keepOlderThanRetention?: boolean;
  now?: number;
  onProgress?: (progress: { phase: 'read' | 'write'; done: number; total: number }) => void;
};

export type CsvImportResult =
  | {
      ok: true;
      conversations: number;
      /** Customers the imported messages belong to (new or already stored). */
      customers: number;
      newCustomers: number;
      messages: number;
      /** Rows not imported: bad rows (with skipInvalidRows), already stored, or skipped by rule. */
      skipped: number;
      skippedReasons: Record<string, number>;
      /** Messages not imported because they are older than the brand keeps (0 without retention). */
      olderThanRetention: number;
      /** The start of the brand's retention window, or null when it keeps history forever. */
      retentionCutoff: number | null;
      /** First 20 row problems, with 1-based line numbers. */
      errors: RowError[];
      /** How the file was read: 'windows-1252' when it was not UTF-8 (the UI says so). */
      encoding: TextEncodingName;
    }
  | { ok: false; error: string; errors: RowError[] };

class ImportAbort extends Error {}

function checked<T>(table: 'customers' | 'conversations' | 'messages', record: T, what: () => string): T {
  const result = ROW_SCHEMAS[table].safeParse(record, { reportInput: true });
  if (!result.success) throw new ImportAbort(`${what()}: ${result.error.issues[0] ? formatIssue(result.error.issues[0]) : t('import.invalid')}`);
  return record;
}

export async function importCsv(db: CasesideDb, options: CsvImportOptions): Promise<CsvImportResult> {
  const { brandId, platform } = options;
  const now = options.now ?? Date.now();
  const fail = (error: string, errors: RowError[] = []): CsvImportResult => ({ ok: false, error, errors: errors.slice(0, MAX_REPORTED_ERRORS) });

  const size = options.file?.size ?? options.text?.length ?? 0;
  if (size > MAX_CSV_BYTES) return fail(t('import.csv.tooBig', { size: formatMb(size, 1), max: formatMb(MAX_CSV_BYTES, 0) }));
  let brand: Brand | undefined;
  try {
    brand = await db.brands.get(brandId);
  } catch (error) {
    // The store could not be read (blocked, evicted, …): said in the agent's words, never thrown.
    return fail(t('import.csv.failed', { message: agentMessage(error, String(error)) }));
  }
  if (!brand) return fail(t('import.csv.noBrand', { id: brandId }));

  // Typed ids win; none typed: the brand's own accounts on this platform.
  const fromAccounts = options.brandAuthors === undefined;
  const authorNames = (options.brandAuthors ?? brand.accounts.filter((a) => a.platform === platform).flatMap((a) => [a.handle, a.pageId]))
    .filter((a): a is string => !!a)
    .map((a) => a.replace(/^@/, ''));
  const brandAuthors = new Set(authorNames.map((a) => a.toLowerCase()));
  options.onProgress?.({ phase: 'read', done: 0, total: size });
  // A file is read as a stream (never held whole as one string); text is parsed as it is.
  const { text, file } = options;
  const readRows = (mapping: CsvMapping | null, limit?: number) =>
    text !== undefined || !file
      ? readCsvRows(text ?? '', mapping, { brandAuthors, limit })
      : readCsvBlob(file, mapping, { brandAuthors, limit, onBytes: (done) => options.onProgress?.({ phase: 'read', done, total: size }) });
  let mapping: CsvMapping | null;
  let read: Awaited<ReturnType<typeof readRows>>;
  try {
    mapping = options.mapping ?? guessMapping((await readRows(null, 0)).columns);
    if (!mapping) return fail(t('import.csv.unknownLayoutImport'));
    read = await readRows(mapping);
  } catch (error) {
    // The file itself could not be read (changed on disk, …): said in the agent's words.
    return fail(t('import.unreadable', { reason: unreadableFileReason(error) }));
  }
  if (read.fatal) return fail(read.fatal);
  // Brands are kept apart: in a file where other accounts than the brand's answer too (a
  // multi-company export), only the threads the brand answered are the brand's, and other
  // accounts' replies in them are not its messages. With no ids typed, the brand's accounts
  // decide; with none configured either, a file answered by several accounts is refused rather
  // than imported as if every reply were the brand's.
  // Only the TWCS layout holds several companies' replies (a generic file is one helpdesk's
  // export, its replies signed by agents' names, and its direction column says which are ours).
  let onlyBrandThreads = options.onlyBrandThreads === true;
  if (fromAccounts && !onlyBrandThreads && mapping.layout === 'twcs') {
    const replyAuthors = new Set<string>();
    for (const row of read.rows) if (row.direction === 'out' && row.author) replyAuthors.add(authorKey(row.author));
    const others = [...replyAuthors].filter((a) => !brandAuthors.has(a));
    if (brandAuthors.size && others.length) onlyBrandThreads = true;
    else if (options.refuseUnknownReplies && !brandAuthors.size && replyAuthors.size > 1) {
      return fail(
        t('import.csv.whoIsBrand', {
          count: replyAuthors.size.toLocaleString(),
          examples: [...replyAuthors].slice(0, 3).join(', '),
          name: brand.name,
        }),
      );
    }
  }
  const plan = buildThreads(read.rows, mapping.layout, onlyBrandThreads ? brandAuthors : undefined);
  const errors = [...read.errors, ...plan.errors].sort((a, b) => a.line - b.line);
  if (errors.length && !options.skipInvalidRows) {
    const first = errors[0]!;
    return fail(t(errors.length > 1 ? 'import.csv.rowProblemsMany' : 'import.csv.rowProblemsOne', { count: errors.length, line: first.line, message: first.message }), errors);
  }
  options.onProgress?.({ phase: 'read', done: size, total: size });
  if (!plan.threads.length) {
    // Threads there were, but none answered by the brand's ids (a typo, or another platform's).
    if (onlyBrandThreads && plan.skippedReasons[SKIP_NOT_BRAND]) {
      return fail(t(brandAuthors.size ? 'import.csv.noBrandReply' : 'import.csv.noBrandIds', { ids: [...new Set(authorNames)].join(', ') }), errors);
    }
    return fail(t('import.csv.noConversation'), errors);
  }

  // Messages older than the brand keeps would be deleted by the next daily clean-up
  // (runRetention): they are not written, and the result says how many.
  const cutoff = brand.retentionMonths ? retentionCutoff(now, brand.retentionMonths) : null;
  let olderThanRetention = 0;
  if (cutoff !== null && !options.keepOlderThanRetention) {
    plan.threads = plan.threads
      .map((thread) => {
        const kept = thread.messages.filter((m) => m.sentAt >= cutoff);
        olderThanRetention += thread.messages.length - kept.length;
        // The customer is chosen again among what is kept (as buildThreads chose it), so the
        // conversation belongs to a customer this import writes. With no incoming message left,
        // the first one stays: the brand's kept replies are attributed to (and write) them.
        const firstIn = mapping.layout === 'generic' ? kept[0] : kept.find((m) => m.direction === 'in');
        const customer = (mapping.layout === 'generic' ? firstIn?.customer : firstIn?.author) ?? thread.customer;
        return { ...thread, messages: kept, customer };
      })
      .filter((thread) => thread.messages.length > 0);
    if (!plan.threads.length) {
      return fail(
        t(olderThanRetention === 1 ? 'import.csv.allOlderThanRetentionOne' : 'import.csv.allOlderThanRetentionMany', {
          count: olderThanRetention.toLocaleString(),
          date: new Date(cutoff).toLocaleDateString(),
          name: brand.name,
        }),
        errors,
      );
    }
  }

  const handleOf = (m: CsvRow) => (mapping.layout === 'generic' ? m.customer! : m.author);
  const keyOf = (handle: string) => identityKeys(brandId, { platform, handle })[0]!;
  const handles = new Map<string, string>(); // identity key → handle as first written
  for (const t of plan.threads) {
    for (const h of [t.customer, ...t.messages.filter((m) => m.direction === 'in').map(handleOf)]) {
      if (!handles.has(keyOf(h))) handles.set(keyOf(h), h);
    }
  }
  const kind = options.kind ?? (platform === 'x' ? 'x-thread' : 'fb-messenger');
  const skippedReasons = { ...plan.skippedReasons };
  if (errors.length) skippedReasons['invalid row'] = errors.length;
  if (olderThanRetention) skippedReasons['older than retention'] = olderThanRetention;

  try {
    return await db.transaction('rw', db.customers, db.conversations, db.messages, async () => {
      const stored = await db.customers.where('identityKeys').anyOf([...handles.keys()]).toArray();
      const customerByKey = new Map<string, Customer>();
      for (const c of stored) for (const k of c.identityKeys) if (c.brandId === brandId && handles.has(k)) customerByKey.set(k, c);
      const newCustomers = new Set<string>();
      for (const [key, handle] of handles) {
        if (customerByKey.has(key)) continue;
        const id = newId();
        newCustomers.add(id);
        const identity = { platform, handle };
        customerByKey.set(key, {
          id, brandId, displayName: handle, identities: [identity], identityKeys: identityKeys(brandId, identity),
          tags: [], linkedCustomerIds: [], firstSeenAt: Number.MAX_SAFE_INTEGER, lastSeenAt: 0,
        });
      }

      const conversationIds = plan.threads.map((t) => conversationKey(brandId, platform, t.rootId));
      const storedConversations = await db.conversations.bulkGet(conversationIds);
      const conversations: Conversation[] = [];
      const messages: Message[] = [];
      plan.threads.forEach((t, i) => {
        const conversationCustomer = customerByKey.get(keyOf(t.customer))!;
        const previous = storedConversations[i];
        const customerId = previous?.customerId ?? conversationCustomer.id;
        const last = t.messages[t.messages.length - 1]!.sentAt;
        conversations.push({
          ...(previous ?? { id: conversationIds[i]!, brandId, customerId, platform, kind, nativeId: t.rootId, url: '' }),
          lastMessageAt: Math.max(previous?.lastMessageAt ?? 0, last),
        });
        for (const m of t.messages) {
          messages.push({
            id: messageKey(brandId, platform, m.id), conversationId: conversationIds[i]!,
            customerId: m.direction === 'in' ? customerByKey.get(keyOf(handleOf(m)))!.id : customerId,
            brandId, platform, nativeId: m.id, direction: m.direction,
            author: m.author.slice(0, 500), text: m.text, sentAt: m.sentAt, capturedAt: now,
          });
        }
      });

      const fresh: Message[] = [];
      for (let start = 0; start < messages.length; start += CSV_BATCH_ROWS) {
        const chunk = messages.slice(start, start + CSV_BATCH_ROWS);
        const existing = await db.messages.bulkGet(chunk.map((m) => m.id));
        chunk.forEach((m, j) => {
          if (existing[j] === undefined) fresh.push(m);
        });
      }
      const alreadyStored = messages.length - fresh.length;
      if (alreadyStored) skippedReasons['already stored'] = alreadyStored;

      const customersById = new Map([...customerByKey.values()].map((c) => [c.id, c]));
      const touched = new Map<string, Customer>();
      for (const m of messages) {
        const c = customersById.get(m.customerId);
        if (!c) continue; // an outgoing message in a stored conversation of a customer not in this file
        c.firstSeenAt = Math.min(c.firstSeenAt, m.sentAt);
        c.lastSeenAt = Math.max(c.lastSeenAt, m.sentAt);
        touched.set(c.id, c);
      }
      const customers = [...touched.values()];
      for (const c of customers) checked('customers', c, () => t('import.csv.customer', { name: c.displayName }));
      for (const c of conversations) checked('conversations', c, () => t('import.csv.conversation', { id: c.nativeId }));
      for (const m of fresh) checked('messages', m, () => t('import.csv.message', { id: m.nativeId }));

      await db.customers.bulkPut(customers);
      for (let start = 0; start < conversations.length; start += CSV_BATCH_ROWS) {
        await db.conversations.bulkPut(conversations.slice(start, start + CSV_BATCH_ROWS));
      }
      options.onProgress?.({ phase: 'write', done: 0, total: fresh.length });
      for (let start = 0; start < fresh.length; start += CSV_BATCH_ROWS) {
        await db.messages.bulkPut(fresh.slice(start, start + CSV_BATCH_ROWS));
        options.onProgress?.({ phase: 'write', done: Math.min(start + CSV_BATCH_ROWS, fresh.length), total: fresh.length });
      }
      const skipped = Object.values(skippedReasons).reduce((a, b) => a + b, 0);
      return {
        ok: true as const,
        encoding: read.encoding ?? 'utf-8',
        conversations: conversations.length,
        customers: customers.length,
        newCustomers: customers.filter((c) => newCustomers.has(c.id)).length,
        messages: fresh.length,
        skipped,
        skippedReasons,
        olderThanRetention,
        retentionCutoff: cutoff,
        errors: errors.slice(0, MAX_REPORTED_ERRORS),
      };
    });
  } catch (error) {
    // A storage failure (a full disk midway) in the interface language, not the browser's words.
    return fail(t('import.csv.failed', { message: agentMessage(error, String(error)) }), errors);
  }
}
