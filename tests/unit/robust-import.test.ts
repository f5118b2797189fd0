/**
 * Robustness of the import doors (issue 7, part 7): hostile and malformed backup and CSV files.
 * Each case is either refused with a readable message naming what is wrong, or accepted where
 * that is correct; a refused file leaves the store byte-for-byte unchanged (full dump compare).
 *
 * Decisions recorded here:
 * - Lone UTF-16 surrogates in text ("\ud800") are ACCEPTED as text: they are what a page can
 *   hold, JSON.stringify escapes them, IndexedDB keeps them, and they round-trip unchanged.
 * - `__proto__`, `constructor`, `prototype` keys are refused anywhere, even inside meta values.
 * The counts are exported and printed: `robustness: import cases tried N, failures M`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasesideDb } from '../../lib/db/schema';
import { exportBackup } from '../../lib/import-export/export';
import { applyRestore, parseBackup } from '../../lib/import-export/restore';
import { importCsv } from '../../lib/import-export/csv-import';
import { dump, fixtureText, freshDb } from '../fixtures/db/helpers';
import { reportRobustness } from '../support/robustness-report';

export const robustness = { tried: 0, failures: 0, accepted: 0, refused: 0 };

type Outcome = { accepted: true } | { accepted: false; error: string };
type Case = { name: string; run: (db: CasesideDb) => Promise<Outcome>; expect: 'accept' | RegExp; after?: (db: CasesideDb) => Promise<void> };

const B1 = 'b1a4c2e0-1111-4a5b-9c00-00000000a001';
const MB = 1024 * 1024;
const fixture = () => JSON.parse(fixtureText()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const edit = (change: (b: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const b = fixture();
  change(b);
  return JSON.stringify(b);
};
/** A fresh message id so an accepted case adds a row instead of matching a stored one. */
const newMessage = (over: Record<string, unknown> = {}) => ({ ...fixture().tables.messages[0], id: `${B1}/x:m:robust-${Math.random()}`, ...over });

async function restoreText(db: CasesideDb, text: string | Blob, maxBytes?: number): Promise<Outcome> {
  const parsed = await parseBackup(text, maxBytes === undefined ? {} : { maxBytes });
  if (!parsed.ok) return { accepted: false, error: parsed.error };
  await applyRestore(db, parsed.backup, 'skip');
  return { accepted: true };
}
const backupCase = (name: string, text: () => string | Blob, expected: Case['expect'], after?: Case['after']): Case => ({
  name: `backup: ${name}`, run: (db) => restoreText(db, text()), expect: expected, ...(after && { after }),
});

const TWCS_HEADER = 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id';
const tweet = (id: string, author: string, inbound: string, at: string, text: string, responses = '', replyTo = '') =>
  `${id},${author},${inbound},${at},${text},${responses},${replyTo}`;
const AT = 'Tue Oct 31 22:10:47 +0000 2017';
async function csv(db: CasesideDb, text: string, mapping?: Parameters<typeof importCsv>[1]['mapping']): Promise<Outcome> {
  // The rows are from 2017 and Northwind Rail keeps 12 months: this suite is about reading hostile
  // files, so the brand's retention (which would skip every row) is set aside.
  const result = await importCsv(db, { text, brandId: B1, platform: 'x', keepOlderThanRetention: true, ...(mapping && { mapping }) });
  return result.ok ? { accepted: true } : { accepted: false, error: result.error };
}
const csvCase = (name: string, text: () => string, expected: Case['expect'], mapping?: Parameters<typeof importCsv>[1]['mapping']): Case => ({
  name: `csv: ${name}`, run: (db) => csv(db, text(), mapping), expect: expected,
});

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}
/** A valid backup of about `mb` megabytes (long message texts), with an optional bad last row. */
function bigBackup(mb: number, breakLast = false): string {
  const b = fixture();
  const text = 'Long complaint text. '.repeat(5_000); // ~100 KB
  const n = Math.ceil((mb * MB) / text.length);
  b.tables.messages = Array.from({ length: n }, (_, i) => ({ ...b.tables.messages[0], id: `${B1}/x:m:big-${i}`, nativeId: `big-${i}`, text }));
  if (breakLast) b.tables.messages[n - 1].sentAt = -5;
  return JSON.stringify(b);
}

const cases: Case[] = [
  // Wrong types, missing fields, bad values.
  backupCase('time as a string', () => edit((b) => (b.tables.messages[3].sentAt = '2025-01-01')), /^tables\.messages\[3\]\.sentAt: expected number, got string "2025-01-01"$/),
  backupCase('missing field', () => edit((b) => delete b.tables.messages[0].text), /^tables\.messages\[0\]\.text: expected string, got nothing \(missing\)$/),
  backupCase('missing table', () => edit((b) => delete b.tables.notes), /^tables\.notes: expected array, got nothing \(missing\)$/),
  backupCase('table as an object', () => edit((b) => (b.tables.cases = {})), /^tables\.cases: expected array, got object$/),
  backupCase('null where a string is required', () => edit((b) => (b.tables.customers[1].displayName = null)), /^tables\.customers\[1\]\.displayName: expected string, got null$/),
  backupCase('unknown enum value', () => edit((b) => (b.tables.messages[0].direction = 'sideways')), /^tables\.messages\[0\]\.direction: expected one of "in", "out", "unknown", got string "sideways"$/),
  backupCase('unknown key in a row', () => edit((b) => (b.tables.notes[0].shared = true)), /^tables\.notes\[0\]: unknown key "shared"$/),
  backupCase('unknown key at the top', () => edit((b) => (b.extra = 1)), /^\(file\): unknown key "extra"$/),
  backupCase('unknown key in a nested identity', () => edit((b) => (b.tables.customers[0].identities[0].email = 'x@example.com')), /^tables\.customers\[0\]\.identities\[0\]: unknown key "email"$/),
  backupCase('text over the record limit', () => edit((b) => (b.tables.messages[0].text = 'x'.repeat(200_001))), /^tables\.messages\[0\]\.text: Too big: expected string to have <=200000 characters/),
  // Huge and odd numbers.
  backupCase('1e309 (Infinity) as a time', () => fixtureText().replace(/"sentAt": \d+/, '"sentAt": 1e309'), /^tables\.messages\[0\]\.sentAt: expected number, got Infinity$/),
  backupCase('2**60 as a time', () => edit((b) => (b.tables.messages[0].sentAt = 2 ** 60)), /^tables\.messages\[0\]\.sentAt: Too big: .*got number 1152921504606847000/),
  backupCase('negative time', () => edit((b) => (b.tables.cases[0].openedAt = -1)), /^tables\.cases\[0\]\.openedAt: Too small/),
  backupCase('fractional revision', () => edit((b) => (b.tables.cases[0].revision = 1.5)), /^tables\.cases\[0\]\.revision: expected int, got number 1\.5$/),
  backupCase('exportedAt far beyond any date', () => fixtureText().replace(/"exportedAt": \d+/, '"exportedAt": 123456789012345678901234567890'), /^exportedAt: Too big/),
  // Prototype pollution.
  backupCase('__proto__ at the top', () => fixtureText().replace('{', '{"__proto__": {"polluted": true},'), /^__proto__: forbidden key "__proto__"/),
  backupCase('__proto__ inside a row', () => fixtureText().replace('"nativeId": "9000000000000000001"', '"nativeId": "9000000000000000001", "__proto__": {"isAdmin": true}'), /^tables\.conversations\[0\]\.__proto__: forbidden key "__proto__"/),
  backupCase('constructor.prototype in a meta value', () => edit((b) => (b.tables.meta[0].value = { constructor: { prototype: { polluted: true } } })), /^tables\.meta\[0\]\.value\.constructor: forbidden key "constructor"/),
  backupCase('"prototype" key in a row', () => edit((b) => (b.tables.templates[0].prototype = {})), /^tables\.templates\[0\]\.prototype: forbidden key "prototype"/),
  // Duplicates and scope.
  backupCase('duplicate message ids', () => edit((b) => b.tables.messages.push({ ...b.tables.messages[2] })), /^tables\.messages\[12\]\.id: duplicate id ".*" \(first at tables\.messages\[2\]\)$/),
  backupCase('duplicate meta keys', () => edit((b) => b.tables.meta.push({ key: b.tables.meta[1].key, value: 0 })), /^tables\.meta\[4\]\.key: duplicate key/),
  backupCase("brand backup holding another brand's rows", () => edit((b) => (b.scope = { kind: 'brand', brandId: B1 })), /^tables\.brands\[1\]\.id: row of brand ".*" in a backup of brand ".*"/),
  // Not a backup at all.
  backupCase('empty file', () => '', /^The file is empty\.$/),
  backupCase('truncated file', () => fixtureText().slice(0, 5_000), /^The file is not valid JSON: /),
  backupCase('binary junk', () => '\u0000\u00ff\u0001PK\u0003\u0004', /^The file is not valid JSON: /),
  backupCase('JSON of another app', () => '{"items":[1,2,3]}', /^This is not a Caseside backup/),
  backupCase('version as a string', () => edit((b) => (b.version = '1')), /^version: /),
  backupCase('a newer format version', () => edit((b) => (b.version = 4)), /format version 4; .*Update the extension first/),
  backupCase('deeply nested junk', () => nested(100_000), /^The file nests deeper than 64 levels/),
  backupCase('deep nesting inside a meta value', () => edit((b) => (b.tables.meta[0].value = JSON.parse(nested(80)))), /^The file nests deeper than 64 levels/),
  // Size.
  {
    name: 'backup: over 200 MB (refused before reading)',
    run: (db) => restoreText(db, 'x'.repeat(200 * MB + 1)),
    expect: /^The file is 200\.0 MB; backups over 200 MB are refused\.$/,
  },
  backupCase('a 50 MB backup with its last row bad', () => bigBackup(50, true), /^tables\.messages\[\d+\]\.sentAt: Too small/),
  backupCase('a 50 MB valid backup (as a Blob)', () => new Blob([bigBackup(50)]), 'accept', async (db) => {
    const big = db.messages.where(':id').startsWith(`${B1}/x:m:big-`);
    expect(await big.count()).toBe(Math.ceil((50 * MB) / 'Long complaint text. '.repeat(5_000).length));
    await big.delete(); // keep the later dumps small
  }),
  // Accepted where correct.
  backupCase('a byte-order mark before the JSON', () => `\ufeff${fixtureText()}`, 'accept'),
  backupCase('lone surrogates in text (accepted as text, round-trips)', () => edit((b) => b.tables.messages.push(newMessage({ id: `${B1}/x:m:lone`, text: 'half an emoji \ud83d and \udc4d' }))), 'accept', async (db) => {
    expect((await db.messages.get(`${B1}/x:m:lone`))!.text).toBe('half an emoji \ud83d and \udc4d');
    const again = await parseBackup(await exportBackup(db, { kind: 'all' }));
    expect(again.ok && again.backup.tables.messages.find((m) => m.id === `${B1}/x:m:lone`)!.text).toBe('half an emoji \ud83d and \udc4d');
  }),
  backupCase('"__proto__" as a string value (not a key)', () => edit((b) => b.tables.messages.push(newMessage({ id: `${B1}/x:m:proto-text`, text: '__proto__ constructor prototype' }))), 'accept'),

  // CSV.
  csvCase('missing columns', () => 'tweet_id,author_id,text\n1,a,hi\n', /^Missing columns "inbound", "created_at", "response_tweet_id", "in_response_to_tweet_id"/, { layout: 'twcs' }),
  csvCase('bad date', () => [TWCS_HEADER, tweet('1', 'u1', 'True', 'Tue Oct 32 22:10:47 +0000 2017', 'hi')].join('\n'), /line 2: created_at: unreadable time/),
  csvCase('2**60 ms as a time', () => [TWCS_HEADER, tweet('1', 'u1', 'True', String(2 ** 60), 'hi')].join('\n'), /line 2: created_at: unreadable time "1152921504606847000"/),
  csvCase('bad inbound value', () => [TWCS_HEADER, tweet('1', 'u1', 'yes please', AT, 'hi')].join('\n'), /line 2: inbound: expected True\/False/),
  csvCase('unterminated quote', () => [TWCS_HEADER, tweet('1', 'u1', 'True', AT, '"never closed'), tweet('2', 'b', 'False', AT, 'x')].join('\n'), /line 2: Quoted field unterminated/),
  csvCase('too few fields', () => [TWCS_HEADER, '1,u1,True'].join('\n'), /line 2: expected 7 fields, found 3/),
  csvCase('duplicate tweet ids', () => [TWCS_HEADER, tweet('1', 'u1', 'True', AT, 'a'), tweet('1', 'u2', 'True', AT, 'b')].join('\n'), /line 3: duplicate message id "1" \(first at line 2\)/),
  csvCase('empty file', () => '', /^The file is empty\.$/, { layout: 'twcs' }),
  csvCase('header only', () => `${TWCS_HEADER}\n`, /no conversation with an incoming message/),
  csvCase('only brand tweets (no customer)', () => [TWCS_HEADER, tweet('1', 'Brand', 'False', AT, 'promo')].join('\n'), /no conversation with an incoming message/),
  csvCase('text over the record limit', () => [TWCS_HEADER, tweet('1', 'u1', 'True', AT, 'x'.repeat(200_001))].join('\n'), /line 2: text longer than 200000 characters/),
  csvCase('__proto__ and constructor as extra columns (ignored)', () => [`${TWCS_HEADER},__proto__,constructor`, `${tweet('77', 'u77', 'True', AT, 'hello')},{"polluted":1},x`].join('\n'), 'accept'),
  csvCase('lone surrogate in text (accepted)', () => [TWCS_HEADER, tweet('78', 'u78', 'True', AT, 'cut \ud83d')].join('\n'), 'accept'),
  csvCase('CRLF line endings and a BOM (accepted)', () => `\ufeff${[TWCS_HEADER, tweet('79', 'u79', 'True', AT, 'crlf')].join('\r\n')}\r\n`, 'accept'),
];

describe('robustness: hostile and malformed import files', () => {
  let db: CasesideDb;
  beforeAll(async () => {
    db = freshDb('robust');
    const parsed = await parseBackup(fixtureText());
    if (!parsed.ok) throw new Error(parsed.error);
    await applyRestore(db, parsed.backup, 'skip');
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    robustness.tried++;
    let ok = false;
    try {
      const before = await dump(db);
      const outcome = await c.run(db);
      if (c.expect === 'accept') {
        expect(outcome).toEqual({ accepted: true });
        robustness.accepted++;
        await c.after?.(db);
      } else {
        expect(outcome.accepted, 'should be refused').toBe(false);
        expect(outcome.accepted ? '' : outcome.error).toMatch(c.expect);
        expect(await dump(db), 'store changed').toBe(before);
        robustness.refused++;
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      ok = true;
    } finally {
      if (!ok) robustness.failures++;
    }
  });

  afterAll(() => {
    reportRobustness('import', robustness.tried, robustness.failures, `accepted ${robustness.accepted}, refused ${robustness.refused}`);
  });
});
