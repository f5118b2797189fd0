/**
 * Opening existing data with the current schema (architecture: "migrations on example data").
 * A v1 database is written with STORES_V1 exactly as a v1 build stored it (tests/fixtures/db/
 * v1-example.json, fake data), closed, then opened with today's createDb: every row must
 * survive unchanged, every index must answer, and rows must still parse as today's records.
 * Versions 2 and 3 only added indexes (templates by [brandId+updatedAt], knowledge-base pages by
 * [brandId+capturedAt]); the test checks the upgrade built them from the v1 rows.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createDb, STORES_V1 } from '../../lib/db/schema';
import { storedTemplatesStamp } from '../../lib/panel/suggester';
import { listArticlesPage } from '../../lib/db/repositories/kb';
import { CaseSchema, ConversationSchema, CustomerSchema, MessageSchema } from '../../lib/db/records';
import { ROW_SCHEMAS, TABLE_NAMES } from '../../lib/import-export/backup-schema';
import { dump, fixtureTables } from '../fixtures/db/helpers';

const B1 = 'b1a4c2e0-1111-4a5b-9c00-00000000a001';

async function writeV1(name: string): Promise<string> {
  const v1 = new Dexie(name);
  v1.version(1).stores(STORES_V1);
  const tables = fixtureTables();
  await v1.transaction('rw', v1.tables, async () => {
    for (const t of TABLE_NAMES) await v1.table(t).bulkAdd(tables[t]);
  });
  const out: Record<string, unknown[]> = {};
  for (const t of TABLE_NAMES) out[t] = await v1.table(t).toArray();
  v1.close();
  return JSON.stringify(out);
}

describe('opening a v1 database with the current schema', () => {
  it('keeps every row, answers every index, and the rows still parse as records', async () => {
    const name = `caseside-migration-${Date.now()}`;
    const v1Dump = await writeV1(name);
    const db = createDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await dump(db)).toBe(v1Dump);

    // Indexes the app queries.
    expect(await db.customers.where('identityKeys').equals(`${B1}|x:ada_travels`).count()).toBe(1);
    expect(await db.customers.where('[brandId+lastSeenAt]').between([B1, 0], [B1, Dexie.maxKey]).count()).toBe(3);
    expect(await db.messages.where('[customerId+sentAt]').between(['c-0001', 0], ['c-0001', Dexie.maxKey]).count()).toBe(5);
    expect(await db.messages.where('[brandId+sentAt]').between([B1, 0], [B1, Dexie.maxKey]).count()).toBe(9);
    expect(await db.conversations.where('customerId').equals('c-0001').count()).toBe(2);
    expect(await db.cases.where('[brandId+status]').equals([B1, 'waiting-us']).count()).toBe(1);
    expect(await db.cases.where('[brandId+reference]').equals([B1, 'NWR-0002']).count()).toBe(1);
    expect(await db.followUps.where('dueAt').below(Date.UTC(2025, 0, 11)).count()).toBe(1);
    expect(await db.kbArticles.where('[brandId+url]').equals([B1, 'https://example.com/help/refunds']).count()).toBe(1);
    expect(await db.notes.where('caseId').equals('case-0001').count()).toBe(1);
    // Added in version 2 and built from the v1 rows by the upgrade.
    expect(await db.templates.where('[brandId+updatedAt]').between([B1, 0], [B1, Dexie.maxKey]).primaryKeys()).toHaveLength(1);
    expect(await storedTemplatesStamp(db, B1)).toBe('1/1735722000000');
    // Added in version 3: the options page's newest-first list of the knowledge base.
    const kbRows = (await db.kbArticles.toArray()).filter((a) => a.brandId === B1 && a.customerId === null);
    expect(kbRows.length).toBeGreaterThan(0);
    expect((await listArticlesPage(db, B1, 100)).articles.map((a) => a.id)).toEqual(
      [...kbRows].sort((a, b) => b.capturedAt - a.capturedAt).map((a) => a.id),
    );

    // Rows written by v1 parse as today's records; fields added since get their defaults.
    for (const c of await db.customers.toArray()) expect(CustomerSchema.parse(c).linkedCustomerIds).toEqual([]);
    for (const m of await db.messages.toArray()) MessageSchema.parse(m);
    for (const c of await db.conversations.toArray()) ConversationSchema.parse(c);
    for (const c of await db.cases.toArray()) CaseSchema.parse(c);
    for (const t of TABLE_NAMES) {
      for (const row of await db.table(t).toArray()) expect(ROW_SCHEMAS[t].safeParse(row).success, t).toBe(true);
    }
    db.close();
  });
});
