/**
 * A brand's known issues in storage: declared, edited, ended and reopened, deleted; kept per
 * brand; validated; carried by the brand's backup and gone with the brand.
 */
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { deleteIncident, endIncident, incidentsKey, listIncidents, markIncidentCustomer, MAX_INCIDENTS, saveIncident, TooManyIncidentsError } from '../../lib/db/repositories/incidents';
import { eraseCustomer } from '../../lib/db/retention';
import { applyRestore, parseBackup } from '../../lib/import-export/restore';
import { exportBackup } from '../../lib/import-export/export';
import { wipeBrand } from '../../lib/db/retention';
import { toStorageError } from '../../lib/db/errors';

const NOW = Date.UTC(2026, 10, 26, 12);
const ANSWER = 'Flight IB123 was diverted to Valencia.';
const input = (title: string, answer = ANSWER) => ({ title, keywords: ['IB123'], answers: [{ language: 'en', text: answer }], since: NOW - 3_600_000 });

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
    await expect(saveIncident(db, 'b1', input(' '))).rejects.toBeInstanceOf(ZodError);
    await expect(saveIncident(db, 'b1', input('T', '  '))).rejects.toBeInstanceOf(ZodError);
    await expect(saveIncident(db, 'b1', { ...input('T'), answers: [] })).rejects.toBeInstanceOf(ZodError);
    // One answer per language.
    await expect(saveIncident(db, 'b1', { ...input('T'), answers: [{ language: 'en', text: 'a' }, { language: 'en', text: 'b' }] })).rejects.toBeInstanceOf(ZodError);
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

  it('an edit keeps the earlier wording of a changed answer, so customers answered with it stay answered', async () => {
    const db = await setup();
    const a = await saveIncident(db, 'b1', input('Diverted', 'v1: flight IB123 diverted to Valencia'), NOW);
    await saveIncident(db, 'b1', { ...input('Diverted', 'v2: flight IB123 lands in Barcelona'), id: a.id }, NOW + 1);
    await saveIncident(db, 'b1', { ...input('Diverted IB123', 'v2: flight IB123 lands in Barcelona'), id: a.id }, NOW + 2);
    await saveIncident(db, 'b1', { ...input('Diverted IB123', 'v3: buses from Barcelona'), id: a.id }, NOW + 3);
    const [stored] = await listIncidents(db, 'b1');
    expect(stored!.answers.map((x) => x.text)).toEqual(['v3: buses from Barcelona']);
    expect(stored!.previousAnswers).toEqual(['v1: flight IB123 diverted to Valencia', 'v2: flight IB123 lands in Barcelona']);
  });

  it("keeps the agent's marks, latest per customer; erasing or pruning a customer drops theirs", async () => {
    const db = await setup();
    const person = (id: string) => ({ id, brandId: 'b1', displayName: id, identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: NOW, linkedCustomerIds: [] });
    await db.customers.bulkAdd([person('dana'), person('eli')]);
    const a = await saveIncident(db, 'b1', input('Diverted'), NOW);
    await markIncidentCustomer(db, 'b1', a.id, 'dana', 'not-affected', NOW + 1);
    await markIncidentCustomer(db, 'b1', a.id, 'dana', 'answered', NOW + 2);
    await markIncidentCustomer(db, 'b1', a.id, 'eli', 'answered', NOW + 3);
    expect((await listIncidents(db, 'b1'))[0]!.marks.map((m) => [m.customerId, m.kind])).toEqual([
      ['dana', 'answered'],
      ['eli', 'answered'],
    ]);
    await markIncidentCustomer(db, 'b1', a.id, 'eli', null, NOW + 4);
    await eraseCustomer(db, 'dana');
    expect((await listIncidents(db, 'b1'))[0]!.marks).toEqual([]);
    await expect(markIncidentCustomer(db, 'b1', 'nope', 'eli', 'answered')).rejects.toThrow();
  });

  it('refuses a new incident beyond the bound when all are active, instead of dropping one', async () => {
    const db = await setup();
    const active = Array.from({ length: MAX_INCIDENTS }, (_, i) => ({ id: `a${i}`, title: `A${i}`, keywords: [], answers: [{ language: 'en', text: ANSWER }], previousAnswers: [], marks: [], since: NOW, createdAt: NOW, updatedAt: NOW, endedAt: null }));
    await db.meta.put({ key: incidentsKey('b1'), value: active });
    await expect(saveIncident(db, 'b1', input('One more'))).rejects.toBeInstanceOf(TooManyIncidentsError);
    expect(await listIncidents(db, 'b1')).toHaveLength(MAX_INCIDENTS);
  });

  it('a restore merges incidents by id: what was declared since the backup stays, the backup adds its own', async () => {
    const db = await setup();
    const old = await saveIncident(db, 'b1', input('In the backup'), NOW);
    const file = await exportBackup(db, { kind: 'brand', brandId: 'b1' });
    await saveIncident(db, 'b1', { ...input('In the backup, edited since'), id: old.id }, NOW + 10);
    await saveIncident(db, 'b1', input('Declared since'), NOW + 20);
    const parsed = await parseBackup(file);
    if (!parsed.ok) throw new Error(parsed.error);
    await applyRestore(db, parsed.backup, 'keep-newer');
    expect((await listIncidents(db, 'b1')).map((i) => i.title).sort()).toEqual(['Declared since', 'In the backup, edited since']);
    // Deleted here, it comes back from the backup (as a deleted record would).
    await deleteIncident(db, 'b1', old.id);
    await applyRestore(db, parsed.backup, 'keep-newer');
    expect((await listIncidents(db, 'b1')).map((i) => i.title).sort()).toEqual(['Declared since', 'In the backup']);
    // Replace: the backup's entries win, the others stay.
    await saveIncident(db, 'b1', { ...input('In the backup, edited again'), id: old.id }, NOW + 30);
    await applyRestore(db, parsed.backup, 'replace');
    expect((await listIncidents(db, 'b1')).map((i) => i.title).sort()).toEqual(['Declared since', 'In the backup']);
  });
});
