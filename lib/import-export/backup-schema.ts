/**
 * The versioned JSON backup format (issue 7). One schema serves export (every row is checked
 * before it is written, so a backup always imports back) and import (the whole file is checked
 * before anything is written).
 *
 * Built from the record schemas in lib/db/records.ts, made strict at every level: a key the
 * format does not know is an error, never silently dropped. A new record field added to
 * records.ts flows in through `.shape`; nested objects are listed here and need the same care.
 */
import { z } from 'zod';
import { t, type MessageKey } from '../i18n';
import {
  BrandAccountSchema,
  BrandSchema,
  CaseSchema,
  ConversationSchema,
  CustomerSchema,
  FollowUpSchema,
  IdentitySchema,
  KbArticleSchema,
  MessageSchema,
  MetaSchema,
  NoteSchema,
  TemplateSchema,
  ToneSchema,
} from '../db/records';
import { metaBelongsToBrand } from '../db/ids';

export const BACKUP_FORMAT = 'caseside-backup';
/**
 * Version 2 (2026-11-26): notes may carry `author` and `editedBy`, which version 1's strict schema
 * refuses as unknown keys; a Caseside that reads only version 1 now says "update first" instead.
 * Version 1 files are read as they are (every version 2 addition is optional).
 *
 * Version 3: follow-ups and brands may carry `updatedAt` (the time of their last change, which a
 * restore's "keep the newer one" compares), which version 2's strict schema refuses as an unknown
 * key. Versions 1 and 2 are read as they are (their rows fall back to the times they hold).
 */
export const BACKUP_VERSION = 3;
const READABLE_VERSIONS = [1, 2, 3] as const;

/** Every store of the database, in the order a backup lists them. A test keeps it equal to the current STORES. */
export const TABLE_NAMES = [
  'brands',
  'customers',
  'conversations',
  'messages',
  'cases',
  'notes',
  'followUps',
  'templates',
  'kbArticles',
  'meta',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** Primary key property of each store (all are inbound string keys). */
export const primaryKeyOf = (table: TableName): 'id' | 'key' => (table === 'meta' ? 'key' : 'id');

const StrictBrand = z.strictObject({
  ...BrandSchema.shape,
  accounts: z.array(z.strictObject(BrandAccountSchema.shape)).max(50),
  tone: z.strictObject(ToneSchema.shape),
});
const StrictCustomer = z.strictObject({
  ...CustomerSchema.shape,
  identities: z.array(z.strictObject(IdentitySchema.shape)).max(50),
});

/** Strict row schema per store. */
export const ROW_SCHEMAS = {
  brands: StrictBrand,
  customers: StrictCustomer,
  conversations: z.strictObject(ConversationSchema.shape),
  messages: z.strictObject(MessageSchema.shape),
  cases: z.strictObject(CaseSchema.shape),
  notes: z.strictObject(NoteSchema.shape),
  followUps: z.strictObject(FollowUpSchema.shape),
  templates: z.strictObject(TemplateSchema.shape),
  kbArticles: z.strictObject(KbArticleSchema.shape),
  meta: z.strictObject(MetaSchema.shape),
} satisfies Record<TableName, z.ZodType>;

export const BackupScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('brand'), brandId: BrandSchema.shape.id }),
]);
export type BackupScope = z.infer<typeof BackupScopeSchema>;

const TablesSchema = z.strictObject({
  brands: z.array(ROW_SCHEMAS.brands),
  customers: z.array(ROW_SCHEMAS.customers),
  conversations: z.array(ROW_SCHEMAS.conversations),
  messages: z.array(ROW_SCHEMAS.messages),
  cases: z.array(ROW_SCHEMAS.cases),
  notes: z.array(ROW_SCHEMAS.notes),
  followUps: z.array(ROW_SCHEMAS.followUps),
  templates: z.array(ROW_SCHEMAS.templates),
  kbArticles: z.array(ROW_SCHEMAS.kbArticles),
  meta: z.array(ROW_SCHEMAS.meta),
});
export type BackupTables = z.infer<typeof TablesSchema>;

export const BackupSchema = z
  .strictObject({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(READABLE_VERSIONS),
    exportedAt: BrandSchema.shape.createdAt,
    scope: BackupScopeSchema,
    tables: TablesSchema,
  })
  .superRefine((backup, ctx) => {
    for (const table of TABLE_NAMES) {
      const seen = new Map<string, number>();
      const pk = primaryKeyOf(table);
      (backup.tables[table] as Array<Record<string, unknown>>).forEach((row, index) => {
        const key = String(row[pk]);
        const first = seen.get(key);
        if (first !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['tables', table, index, pk],
            message: t('import.backup.duplicate', { field: pk, value: clip(key), first: `tables.${table}[${first}]` }),
          });
        } else seen.set(key, index);
        // A brand-scoped backup holds that brand's rows only; anything else means a damaged (or
        // edited) file, whose restore would write over another brand's data or shared settings.
        if (backup.scope.kind === 'brand' && table === 'meta') {
          const meta = row as { key: string; value: unknown };
          if (!metaBelongsToBrand(meta, backup.scope.brandId)) {
            ctx.addIssue({
              code: 'custom',
              path: ['tables', table, index, 'key'],
              message: t('import.backup.otherBrandMeta', { key: clip(meta.key), scope: clip(backup.scope.brandId) }),
            });
          }
        } else if (backup.scope.kind === 'brand') {
          const brandId = table === 'brands' ? row.id : row.brandId;
          if (brandId !== backup.scope.brandId) {
            ctx.addIssue({
              code: 'custom',
              path: ['tables', table, index, table === 'brands' ? 'id' : 'brandId'],
              message: t('import.backup.otherBrand', { brand: clip(String(brandId)), scope: clip(backup.scope.brandId) }),
            });
          }
        }
      });
    }
  });
export type Backup = z.infer<typeof BackupSchema>;

/** Keys that must never appear in a parsed object: they could reach an object's prototype. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const clip = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max)}…` : s);

/** `tables.messages[12].sentAt` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || t('import.path.file');
}

/** A name or value from the file, quoted the way the interface language quotes. */
export const quoted = (text: string) => t('import.quoted', { text });

const TYPE_KEYS: Partial<Record<string, MessageKey>> = {
  string: 'import.type.string',
  number: 'import.type.number',
  int: 'import.type.int',
  boolean: 'import.type.boolean',
  array: 'import.type.array',
  object: 'import.type.object',
  date: 'import.type.date',
};
/** A zod type name ("string", "int"…) in the interface language; names without a translation stay as they are. */
const typeName = (type: string) => {
  const key = TYPE_KEYS[type];
  return key ? t(key) : type;
};

/** What a field held, in a few words. */
function describe(value: unknown): string {
  if (value === undefined) return t('import.got.nothing');
  if (value === null) return 'null';
  if (Array.isArray(value)) return t('import.type.array');
  if (typeof value === 'number') {
    return Number.isFinite(value) ? t('import.got.number', { value }) : String(value);
  }
  if (typeof value === 'string') return t('import.got.string', { value: clip(value, 40) });
  if (typeof value === 'boolean') return t('import.got.boolean', { value: String(value) });
  return typeName(typeof value);
}

/** Units of the lengths zod checks, by the kind of value ("characters" of a string). */
const UNITS: Partial<Record<string, [one: MessageKey, many: MessageKey]>> = {
  string: ['import.unit.character', 'import.unit.characters'],
  array: ['import.unit.item', 'import.unit.items'],
  set: ['import.unit.item', 'import.unit.items'],
  map: ['import.unit.entry', 'import.unit.entries'],
};

/** A too_big / too_small issue, from its fields (zod's own English message is not used). */
function formatSize(where: string, issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const big = issue.code === 'too_big';
  const limit = big ? issue.maximum : issue.minimum;
  const n = limit.toString();
  const units = UNITS[issue.origin];
  const got = describe(issue.input);
  const type = typeName(issue.origin);
  if (units) {
    // `.min(1)` on a text: the field is simply empty.
    if (!big && issue.origin === 'string' && Number(limit) === 1 && issue.inclusive && !issue.exact) return t('import.issue.empty', { path: where });
    const bound = t(issue.exact ? 'import.size.exactly' : big ? (issue.inclusive ? 'import.size.atMost' : 'import.size.under') : issue.inclusive ? 'import.size.atLeast' : 'import.size.over', { n });
    const unit = t(Number(limit) === 1 ? units[0] : units[1]);
    return t(big ? 'import.issue.tooBigSized' : 'import.issue.tooSmallSized', { path: where, type, bound, unit, got });
  }
  const bound = t(issue.exact ? 'import.bound.exactly' : big ? (issue.inclusive ? 'import.bound.atMost' : 'import.bound.under') : issue.inclusive ? 'import.bound.atLeast' : 'import.bound.over', { n });
  return t(big ? 'import.issue.tooBig' : 'import.issue.tooSmall', { path: where, type, bound, got });
}

const jsonValues = (values: ReadonlyArray<unknown>) => values.map((v) => JSON.stringify(v)).join(', ');

/**
 * One readable line for a zod issue, `path: what was expected, what was found`, in the interface
 * language. Built from the issue's fields, not from zod's (English) message; only `custom`
 * issues, whose message this app wrote through t(), keep their message.
 */
export function formatIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? t('import.issue.missing', { path: where, expected: typeName(issue.expected) })
        : t('import.issue.expected', { path: where, expected: typeName(issue.expected), got: describe(issue.input) });
    case 'unrecognized_keys':
      return t(issue.keys.length > 1 ? 'import.issue.unknownKeys' : 'import.issue.unknownKey', {
        path: where,
        keys: issue.keys.map((k) => quoted(clip(k))).join(', '),
      });
    case 'invalid_value':
      return issue.values.length === 1
        ? t('import.issue.value', { path: where, value: jsonValues(issue.values), got: describe(issue.input) })
        : t('import.issue.oneOf', { path: where, values: jsonValues(issue.values), got: describe(issue.input) });
    case 'invalid_union': {
      // A discriminated union (the backup's scope) names the values its discriminator takes.
      if (!('options' in issue) || !issue.options?.length) return t('import.issue.other', { path: where });
      const input = issue.input;
      const value = issue.discriminator && input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[issue.discriminator] : input;
      return t('import.issue.oneOf', { path: where, values: jsonValues(issue.options), got: describe(value) });
    }
    case 'too_big':
    case 'too_small':
      return formatSize(where, issue);
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern
        ? t('import.issue.pattern', { path: where, pattern: issue.pattern })
        : t('import.issue.format', { path: where, format: issue.format });
    case 'not_multiple_of':
      return t('import.issue.multipleOf', { path: where, divisor: issue.divisor });
    case 'custom':
      return `${where}: ${issue.message}`;
    default:
      return t('import.issue.other', { path: where });
  }
}
