/**
 * Reading a backup file (issue 7, part 3): the whole file is checked before anything is
 * written, and every refusal is one readable sentence naming where the file is wrong.
 *
 * Hostile input is expected (a file from anywhere can be picked in the options page):
 * - over 200 MB → refused before reading;
 * - nesting deeper than any backup has → refused before JSON.parse (its reviver recurses);
 * - `__proto__`, `constructor`, `prototype` keys anywhere → refused (the reviver throws);
 * - wrong types, unknown keys, out-of-range numbers (1e309 → Infinity, 2**60 as a time),
 *   duplicate ids → refused by BackupSchema with the path of the first bad field.
 * Lone UTF-16 surrogates inside strings ("\ud800") are accepted as text: JSON.stringify
 * escapes them, IndexedDB stores them, so they round-trip unchanged (see robust-import test).
 */
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type Backup,
  BackupSchema,
  FORBIDDEN_KEYS,
  formatIssue,
  formatPath,
  TABLE_NAMES,
  type TableName,
} from './backup-schema';
import { getLocale, t } from '../i18n';
import { describeJsonProblem, stripBom } from './json-problem';
import { unreadableFileReason } from './text-encoding';

export const MAX_BACKUP_BYTES = 200 * 1024 * 1024;
/** A backup nests about 6 levels; meta values may hold small settings objects. */
export const MAX_JSON_DEPTH = 64;

export type BackupSummary = {
  exportedAt: number;
  scope: Backup['scope'];
  counts: Record<TableName, number>;
  brands: Array<{ id: string; name: string }>;
};

export type ParseBackupResult =
  | { ok: true; backup: Backup; summary: BackupSummary }
  | { ok: false; error: string };

const MB = 1024 * 1024;
const fail = (error: string): ParseBackupResult => ({ ok: false, error });
/** Megabytes with `digits` decimals, written the way the interface language writes numbers. */
export const formatMb = (bytes: number, digits: number) =>
  (bytes / MB).toLocaleString(getLocale(), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });

class ForbiddenKeyError extends Error {}

/** Position of the first point where `{`/`[` nesting exceeds `limit`, or -1. Strings are skipped. */
export function findExcessNesting(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return -1;
}

/** Path and name of the first forbidden key in an already parsed value (iterative: no recursion limit). */
function findForbiddenKey(root: unknown): { path: string; key: string } | null {
  const stack: Array<[unknown, PropertyKey[]]> = [[root, []]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const childPath = [...path, Array.isArray(value) ? Number(key) : key];
      if (FORBIDDEN_KEYS.has(key)) return { path: formatPath(childPath), key };
      stack.push([(value as Record<string, unknown>)[key], childPath]);
    }
  }
  return null;
}

/** JSON.parse that refuses prototype-pollution keys anywhere in the file. */
export function parseJsonSafely(input: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = stripBom(input);
  const deep = findExcessNesting(text, MAX_JSON_DEPTH);
  if (deep >= 0) {
    return { ok: false, error: t('import.backup.tooDeep', { max: MAX_JSON_DEPTH, at: deep }) };
  }
  try {
    const value: unknown = JSON.parse(text, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(key);
      return v;
    });
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ForbiddenKeyError) {
      // JSON.parse without a reviver defines "__proto__" as a plain own property (it never sets
      // the prototype), so a second pass can safely locate it for the message.
      let found: { path: string; key: string } | null = null;
      try {
        found = findForbiddenKey(JSON.parse(text));
      } catch {
        /* keep the message without a path */
      }
      return {
        ok: false,
        error: found ? t('import.backup.forbiddenKeyAt', { path: found.path, key: found.key }) : t('import.backup.forbiddenKey', { key: error.message }),
      };
    }
    // Where and why, in the interface language (not the browser's JSON.parse message).
    return { ok: false, error: describeJsonProblem(text) };
  }
}

function summarize(backup: Backup): BackupSummary {
  const counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, backup.tables[t].length])) as Record<TableName, number>;
  return {
    exportedAt: backup.exportedAt,
    scope: backup.scope,
    counts,
    brands: backup.tables.brands.map((b) => ({ id: b.id, name: b.name })),
  };
}

/** Reads and validates a whole backup file. Never throws for bad input; returns `{ok:false, error}`. */
export async function parseBackup(
  input: string | Blob,
  options: { maxBytes?: number } = {},
): Promise<ParseBackupResult> {
  const maxBytes = options.maxBytes ?? MAX_BACKUP_BYTES;
  // For a string the length in UTF-16 units stands in for bytes (never more than the UTF-8 size).
  const size = typeof input === 'string' ? input.length : input.size;
  if (size > maxBytes) {
    return fail(t('import.backup.tooBig', { size: formatMb(size, 1), max: formatMb(maxBytes, 0) }));
  }
  let text: string;
  try {
    text = typeof input === 'string' ? input : await input.text();
  } catch (error) {
    return fail(t('import.unreadable', { reason: unreadableFileReason(error) }));
  }
  text = stripBom(text);
  if (!text.trim()) return fail(t('import.emptyFile'));

  const parsed = parseJsonSafely(text);
  if (!parsed.ok) return parsed;
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(t('import.backup.notObject', { format: BACKUP_FORMAT }));
  }
  const head = value as Record<string, unknown>;
  if (head.format !== BACKUP_FORMAT) {
    return fail(t('import.backup.wrongFormat', { format: BACKUP_FORMAT }));
  }
  if (typeof head.version === 'number' && head.version > BACKUP_VERSION) {
    return fail(t('import.backup.newerVersion', { version: head.version, max: BACKUP_VERSION }));
  }
  const checked = BackupSchema.safeParse(value, { reportInput: true });
  if (!checked.success) {
    const issues = checked.error.issues;
    const problem = issues[0] ? formatIssue(issues[0]) : t('import.backup.invalid');
    if (issues.length < 2) return fail(problem);
    return fail(t(issues.length > 2 ? 'import.backup.moreMany' : 'import.backup.moreOne', { problem, count: issues.length - 1 }));
  }
  return { ok: true, backup: checked.data, summary: summarize(checked.data) };
}
