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

export const BACKUP_FORMAT = 'caseside-backup';
export const BACKUP_VERSION = 1;

/** Every store of the database, in the order a backup lists them. A test keeps it equal to STORES_V1. */
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
    version: z.literal(BACKUP_VERSION),
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
            message: `duplicate ${pk} "${clip(key)}" (first at tables.${table}[${first}])`,
          });
        } else seen.set(key, index);
        // A brand-scoped backup holds that brand's rows only; anything else means a damaged file.
        if (backup.scope.kind === 'brand' && table !== 'meta') {
          const brandId = table === 'brands' ? row.id : row.brandId;
          if (brandId !== backup.scope.brandId) {
            ctx.addIssue({
              code: 'custom',
              path: ['tables', table, index, table === 'brands' ? 'id' : 'brandId'],
              message: `row of brand "${clip(String(brandId))}" in a backup of brand "${clip(backup.scope.brandId)}"`,
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
  return out || '(file)';
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? `number ${value}` : String(value);
  }
  if (typeof value === 'string') return `string "${clip(value, 40)}"`;
  return typeof value;
}

/** One readable line for a zod issue: `path: what was expected, what was found`. */
export function formatIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return `${where}: expected ${issue.expected}, got ${describe(issue.input)}`;
    case 'unrecognized_keys':
      return `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${clip(k)}"`).join(', ')}`;
    case 'invalid_value':
      return `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(issue.input)}`;
    case 'too_big':
      return `${where}: ${issue.message} (got ${describe(issue.input)})`;
    case 'too_small':
      return `${where}: ${issue.message} (got ${describe(issue.input)})`;
    default:
      return `${where}: ${issue.message}`;
  }
}
