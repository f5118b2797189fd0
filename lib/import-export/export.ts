/**
 * Export to the versioned JSON backup (issue 7, part 2).
 *
 * Reads each store in chunks (keys first, then bulkGet per chunk), yields to the event loop
 * between chunks and builds the file as an array of string parts, so 100,000 messages do not
 * freeze the options page. Every row is checked against the backup schema on the way out: a
 * backup that could not be imported back is refused here, naming the row, rather than
 * discovered on the day it is needed. For the same reason a backup larger than a restore reads
 * (MAX_BACKUP_BYTES, parse-backup.ts) is refused as soon as it grows past it, with what to do
 * instead (one brand at a time, a shorter Keep history): nothing stored is touched.
 *
 * Not a snapshot: chunks are read outside a transaction (a transaction cannot stay open across
 * event-loop turns), so a write made during the export may or may not be in the file.
 */
import Dexie from 'dexie';
import type { CasesideDb } from '../db/schema';
import { brandMetaKeys } from '../db/retention';
import { KB_CHANGES_PREFIX } from '../db/repositories/kb';
import { HISTORY_INDEX_PREFIX } from '../db/ids';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupScope,
  formatIssue,
  primaryKeyOf,
  ROW_SCHEMAS,
  TABLE_NAMES,
  type TableName,
} from './backup-schema';
import { t } from '../i18n';
import { formatMb, MAX_BACKUP_BYTES } from './parse-backup';

export type ExportProgress = (progress: { table: TableName; done: number; total: number }) => void;

export const EXPORT_CHUNK_ROWS = 5_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Counts the UTF-8 bytes the Blob will write (a lone surrogate becomes U+FFFD, as in TextEncoder). */
const encoder = new TextEncoder();

/** A backup that restore would refuse as too large (parseBackup's MAX_BACKUP_BYTES): not written. */
export class BackupTooLargeError extends Error {
  override readonly name = 'BackupTooLargeError';
}

/** Primary keys of the rows of `table` in scope, via the store's brand index where there is one. */
export async function keysInScope(db: CasesideDb, table: TableName, scope: BackupScope): Promise<string[]> {
  const t = db.table(table);
  let keys: unknown[];
  if (scope.kind === 'all') keys = await t.toCollection().primaryKeys();
  else {
    const b = scope.brandId;
    const range = (index: string) => t.where(index).between([b, Dexie.minKey], [b, Dexie.maxKey], true, true);
    switch (table) {
      case 'brands':
        keys = (await t.get(b)) ? [b] : [];
        break;
      case 'meta':
        keys = await brandMetaKeys(db, b);
        break;
      case 'conversations':
        keys = await range('[brandId+lastMessageAt]').primaryKeys();
        break;
      case 'messages':
        keys = await range('[brandId+sentAt]').primaryKeys();
        break;
      case 'cases':
        keys = await range('[brandId+status]').primaryKeys();
        break;
      case 'followUps':
        keys = await range('[brandId+dueAt]').primaryKeys();
        break;
      default: // customers, notes, templates, kbArticles have a plain brandId index
        keys = await t.where('brandId').equals(b).primaryKeys();
    }
  }
  // The knowledge bases' change logs describe this store's own recent writes (kbChangesSince):
  // not part of a backup.
  // Caches are not data: the change log describes this store only, and the search index is
  // rebuilt from the records (and would carry words of customers erased since it was saved).
  if (table === 'meta') keys = (keys as string[]).filter((k) => !k.startsWith(KB_CHANGES_PREFIX) && !k.startsWith(HISTORY_INDEX_PREFIX));
  // Deterministic output: primary-key order (IndexedDB compares strings by code unit, as `<` does).
  return (keys as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Builds the backup as a Blob (application/json). Throws naming the row when a stored row is
 * invalid, and BackupTooLargeError when the file would be larger than a restore reads
 * (`maxBytes`, MAX_BACKUP_BYTES unless a test says otherwise): every backup written restores.
 */
export async function exportBackup(
  db: CasesideDb,
  scope: BackupScope,
  onProgress?: ExportProgress,
  options: { chunkRows?: number; now?: number; maxBytes?: number } = {},
): Promise<Blob> {
  const chunkRows = options.chunkRows ?? EXPORT_CHUNK_ROWS;
  const maxBytes = options.maxBytes ?? MAX_BACKUP_BYTES;
  const parts: string[] = [];
  let bytes = 0;
  const push = (part: string) => {
    bytes += encoder.encode(part).byteLength;
    if (bytes > maxBytes) {
      throw new BackupTooLargeError(
        t(scope.kind === 'all' ? 'import.export.tooLargeAll' : 'import.export.tooLargeBrand', { max: formatMb(maxBytes, 0) }),
      );
    }
    parts.push(part);
  };
  push(
    `{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},` +
      `"exportedAt":${options.now ?? Date.now()},"scope":${JSON.stringify(scope)},"tables":{`,
  );
  for (const [tableIndex, table] of TABLE_NAMES.entries()) {
    const keys = await keysInScope(db, table, scope);
    const schema = ROW_SCHEMAS[table];
    push(`${tableIndex ? ',' : ''}${JSON.stringify(table)}:[`);
    let written = 0;
    onProgress?.({ table, done: 0, total: keys.length });
    for (let start = 0; start < keys.length; start += chunkRows) {
      const rows = await db.table(table).bulkGet(keys.slice(start, start + chunkRows));
      for (const row of rows) {
        if (row === undefined) continue; // deleted while exporting
        const checked = schema.safeParse(row, { reportInput: true });
        if (!checked.success) {
          const key = String((row as Record<string, unknown>)[primaryKeyOf(table)]);
          const issue = checked.error.issues[0];
          throw new Error(
            t('import.export.invalidRow', { table: t(`data.table.${table}`), key, problem: issue ? formatIssue(issue) : t('import.invalid') }),
          );
        }
        push(`${written ? ',' : ''}${JSON.stringify(row)}`);
        written++;
      }
      onProgress?.({ table, done: Math.min(start + chunkRows, keys.length), total: keys.length });
      await yieldToEventLoop();
    }
    push(']');
  }
  push('}}');
  return new Blob(parts, { type: 'application/json' });
}

/** File name for a backup: `caseside-backup-2026-05-01.json` or `caseside-<brand>-2026-05-01.json`. */
export function backupFileName(scope: BackupScope, now = Date.now(), brandName?: string): string {
  const day = new Date(now).toISOString().slice(0, 10);
  const slug = (brandName ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return scope.kind === 'all' ? `caseside-backup-${day}.json` : `caseside-${slug || 'brand'}-${day}.json`;
}
