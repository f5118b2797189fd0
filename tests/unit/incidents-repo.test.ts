/**
 * A brand's known issues in storage: declared, edited, ended and reopened, deleted; kept per
 * brand; validated; carried by the brand's backup and gone with the brand.
 */
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { deleteIncident, endIncident, incidentsKey, listIncidents, MAX_INCIDENTS, saveIncident } from '../../lib/db/repositories/incidents';
import { exportBackup } from '../../lib/import-export/export';
import { wipeBrand } from '../../lib/db/retention';
import { toStorageError } from '../../lib/db/errors';

const NOW = Date.UTC(2026, 10, 26, 12);
const input = (title: string) => ({ title, keywords: ['IB123'], answer: 'Flight IB123 was diverted to Valencia.', since: NOW - 3_600_000 });

async function setup(): Promise<CasesideDb> {
  const db = createDb(`incidents-${crypto.randomUUID()}`);
  const brand = (id: string) => ({ id, name: id, referencePrefix: 'AC', accounts: [], signature: '', tone: { formality: 'neutral' as const, useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0 });
  await db.brands.bulkAdd([brand('b1'), brand('b2')]);
  return db;
}

describe('incidents repository', () => {
  it('declares, edits, ends and reopens, per brand, active ones first', async () => {
    const db = await setup();
    const a = await saveIncident(db, 'b1', input('Diverted flight'), NOW);
    const b = await saveIncident(db, 'b1', input('App outage'), NOW + 1);
    await saveIncident(db, 'b2', input('Theirs'), NOW);
    expect(a).toMatchObject({ title: 'Diverted flight', endedAt: null, createdAt: NOW });
    expect((await listIncidents(db, 'b1')).map((i) => i.title)).toEqual(['App outage', 'Diverted flight']);
    expect((await listIncidents(db, 'b2')).map((i) => i.title)).toEqual(['Theirs']);

    await saveIncident(db, 'b1', { ...input('Diverted flight IB123'), id: a.id }, NOW + 5);
    await endIncident(db, 'b1', b.id, true, NOW + 10);
    const listed = await listIncidents(db, 'b1');
    expect(listed.map((i) => [i.title, i.endedAt])).toEqual([
      ['Diverted flight IB123', null],
      ['App outage', NOW + 10],
    ]);
    expect(listed[0]!.createdAt).toBe(NOW);
    await endIncident(db, 'b1', b.id, false, NOW + 20);
    expect((await listIncidents(db, 'b1')).every((i) => i.endedAt === null)).toBe(true);

    await deleteIncident(db, 'b1', a.id);
    expect((await listIncidents(db, 'b1')).map((i) => i.id)).toEqual([b.id]);
    await deleteIncident(db, 'b1', b.id);
    // The last one gone, the row goes too.
    expect(await db.meta.get(incidentsKey('b1'))).toBeUndefined();
  });

  it('refuses an empty title or answer, and an unknown id with a message for the agent', async () => {
    const db = await setup();
    await expect(saveIncident(db, 'b1', { ...input(' '), answer: 'x' })).rejects.toBeInstanceOf(ZodError);
    await expect(saveIncident(db, 'b1', { ...input('T'), answer: '  ' })).rejects.toBeInstanceOf(ZodError);
    const missing = await saveIncident(db, 'b1', { ...input('T'), id: 'nope' }).catch((e: unknown) => e);
    expect(toStorageError(missing).message).toContain('known issue was not found');
    await expect(endIncident(db, 'b1', 'nope')).rejects.toThrow();
    expect(await listIncidents(db, 'b1')).toEqual([]);
  });

  it('reads a damaged row as its valid entries, and drops the oldest ended ones beyond the bound', async () => {
    const db = await setup();
    const ok = await saveIncident(db, 'b1', input('Kept'), NOW);
    await db.meta.put({ key: incidentsKey('b1'), value: [ok, { id: 'x', title: 7 }, 'nonsense'] });
    expect((await listIncidents(db, 'b1')).map((i) => i.id)).toEqual([ok.id]);

    const ended = Array.from({ length: MAX_INCIDENTS }, (_, i) => ({ ...ok, id: `e${i}`, endedAt: NOW + i }));
    await db.meta.put({ key: incidentsKey('b1'), value: [ok, ...ended] });
    await saveIncident(db, 'b1', input('New'), NOW + 1_000);
    const all = await listIncidents(db, 'b1');
    expect(all).toHaveLength(MAX_INCIDENTS);
    // Both active ones stay; the two oldest ended ones went.
    expect(all.filter((i) => i.endedAt === null).map((i) => i.title).sort()).toEqual(['Kept', 'New']);
    expect(all.some((i) => i.id === 'e0' || i.id === 'e1')).toBe(false);
  });

  it("go in the brand's backup and with the brand", async () => {
    const db = await setup();
    await saveIncident(db, 'b1', input('Diverted flight'), NOW);
    await saveIncident(db, 'b2', input('Theirs'), NOW);
    const backup = JSON.parse(await (await exportBackup(db, { kind: 'brand', brandId: 'b1' })).text()) as { tables: { meta: { key: string }[] } };
    expect(backup.tables.meta.map((m) => m.key)).toContain(incidentsKey('b1'));
    expect(backup.tables.meta.map((m) => m.key)).not.toContain(incidentsKey('b2'));
    await wipeBrand(db, 'b1');
    expect(await listIncidents(db, 'b1')).toEqual([]);
    expect(await listIncidents(db, 'b2')).toHaveLength(1);
  });
});
