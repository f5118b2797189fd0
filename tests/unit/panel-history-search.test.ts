/**
 * The panel's history search follows writes while the panel is open: notes added, edited and
 * deleted (here or by another panel) and customers recorded after the index was built.
 */
import { expect, it } from 'vitest';
import { createDb } from '../../lib/db/schema';
import { searchHistory } from '../../lib/panel/history-search';
import { addNote, deleteNote, updateNote } from '../../lib/db/repositories/notes';

const brand = (id: string) => ({ id, name: id, referencePrefix: 'AC', accounts: [], signature: '', tone: { formality: 'neutral' as const, useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0 });
const person = (id: string, brandId: string, displayName: string, lastSeenAt = 0) => ({ id, brandId, displayName, identities: [], identityKeys: [], tags: [], firstSeenAt: lastSeenAt, lastSeenAt, linkedCustomerIds: [] });
const settle = () => new Promise((r) => setTimeout(r, 50));
const found = async (db: ReturnType<typeof createDb>, brandId: string, q: string) => (await searchHistory(db, brandId, q)).map((r) => r.kind + ':' + r.id);

it('finds a note by its new words after an edit, not by the old ones; a new note at once; a deleted one no more', async () => {
  const brandId = `b-${crypto.randomUUID()}`;
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put(brand(brandId));
  await db.customers.put(person('ana', brandId, 'Ana'));
  const note = await addNote(db, { brandId, customerId: 'ana', caseId: null, body: 'kettle arrived dented' });
  expect(await found(db, brandId, 'kettle')).toEqual([`note:${note.note.id}`]);
  await updateNote(db, brandId, note.note.id, 'toaster refund agreed');
  await settle();
  expect(await found(db, brandId, 'toaster')).toEqual([`note:${note.note.id}`]);
  expect(await found(db, brandId, 'kettle')).toEqual([]);
  const second = await addNote(db, { brandId, customerId: 'ana', caseId: null, body: 'prefers a callback on Fridays' });
  await settle();
  expect(await found(db, brandId, 'callback')).toEqual([`note:${second.note.id}`]);
  await deleteNote(db, brandId, second.note.id);
  await settle();
  expect(await found(db, brandId, 'callback')).toEqual([]);
});

it('finds a customer recorded after the index was built by name', async () => {
  const brandId = `b-${crypto.randomUUID()}`;
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put(brand(brandId));
  await db.customers.put(person('ana', brandId, 'Ana', Date.now()));
  expect(await found(db, brandId, 'ana')).toEqual(['customer:ana']);
  await db.customers.put(person('zed', brandId, 'Zebulon Quixote', Date.now()));
  expect(await found(db, brandId, 'zebulon')).toEqual(['customer:zed']);
});
