/**
 * The panel's history search follows writes while the panel is open: notes added, edited and
 * deleted (here or by another panel), and every message and customer written after the index
 * was built — whatever its date (an old DM opened, a thread scrolled back, an import), edited
 * (a tag added), in this context or another (the background captures).
 */
import { expect, it, vi } from 'vitest';
import { createDb, RECORD_CHANGES_CHANNEL } from '../../lib/db/schema';
import { searchHistory } from '../../lib/panel/history-search';
import { addNote, deleteNote, updateNote } from '../../lib/db/repositories/notes';
import { editCustomerTags } from '../../lib/panel/queries';

const brand = (id: string) => ({ id, name: id, referencePrefix: 'AC', accounts: [], signature: '', tone: { formality: 'neutral' as const, useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0 });
const person = (id: string, brandId: string, displayName: string, lastSeenAt = 0) => ({ id, brandId, displayName, identities: [], identityKeys: [], tags: [] as string[], firstSeenAt: lastSeenAt, lastSeenAt, linkedCustomerIds: [] });
const msg = (id: string, brandId: string, customerId: string, text: string, sentAt: number) => ({
  id, brandId, customerId, conversationId: 'conv-1', platform: 'x' as const, nativeId: id, direction: 'in' as const, author: 'Ana', text, sentAt, capturedAt: Date.now(),
});
const DAY = 86_400_000;
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

it('finds a message captured after the index was built even when its page time is a month old', async () => {
  const brandId = `b-${crypto.randomUUID()}`;
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put(brand(brandId));
  await db.customers.put(person('ana', brandId, 'Ana', Date.now()));
  expect(await found(db, brandId, 'ana')).toEqual(['customer:ana']); // index built
  // The agent opens an older DM thread: its messages are captured now, dated 30 days ago.
  await db.messages.put(msg('m-old', brandId, 'ana', 'my order ZX4471 never arrived', Date.now() - 30 * DAY));
  expect(await found(db, brandId, 'ZX4471')).toEqual(['message:m-old']);
});

it('finds a customer first recorded after the index was built whose last contact was a month ago', async () => {
  const brandId = `b-${crypto.randomUUID()}`;
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put(brand(brandId));
  await db.customers.put(person('ana', brandId, 'Ana', Date.now()));
  expect(await found(db, brandId, 'ana')).toEqual(['customer:ana']);
  await db.customers.put(person('zed', brandId, 'Zebulon Quixote', Date.now() - 30 * DAY));
  expect(await found(db, brandId, 'zebulon')).toEqual(['customer:zed']);
});

it('finds a customer by a tag the agent just added (a tag edit does not move lastSeenAt)', async () => {
  const brandId = `b-${crypto.randomUUID()}`;
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put(brand(brandId));
  await db.customers.put(person('ana', brandId, 'Ana', Date.now() - 30 * DAY));
  expect(await found(db, brandId, 'ana')).toEqual(['customer:ana']);
  await editCustomerTags(db, brandId, 'ana', [], ['chargeback']);
  expect(await found(db, brandId, 'chargeback')).toEqual(['customer:ana']);
});

it('follows a long thread written at once, an edited message and a deleted one, reading only what changed', async () => {
  const brandId = `b-${crypto.randomUUID()}`;
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put(brand(brandId));
  await db.customers.put(person('ana', brandId, 'Ana', Date.now()));
  expect(await found(db, brandId, 'ana')).toEqual(['customer:ana']);
  // A thread scrolled back a year: 60 messages in one write (Dexie's own change events name no
  // keys for a write of 50 rows or more).
  const thread = Array.from({ length: 60 }, (_, i) => msg(`m-${i}`, brandId, 'ana', `old message ${i} word${i}x`, Date.now() - 365 * DAY + i));
  await db.messages.bulkPut(thread);
  expect(await found(db, brandId, 'word59x')).toEqual(['message:m-59']);
  // Nothing changed since: nothing is read again. One edit: only that record is.
  const bulkGet = vi.spyOn(db.messages, 'bulkGet');
  expect(await found(db, brandId, 'word0x')).toEqual(['message:m-0']);
  expect(bulkGet.mock.calls.flatMap(([keys]) => keys)).toEqual(['m-0']); // the snippet's read only
  bulkGet.mockClear();
  await db.messages.put({ ...thread[1]!, text: 'edited: parcel lost in transit' });
  expect(await found(db, brandId, 'parcel')).toEqual(['message:m-1']);
  expect(await found(db, brandId, 'word1x')).toEqual([]);
  expect(bulkGet.mock.calls[0]?.[0]).toEqual(['m-1']);
  await db.messages.delete('m-1');
  expect(await found(db, brandId, 'parcel')).toEqual([]);
});

it('finds a message another extension context wrote (the background captures; told over a BroadcastChannel)', async () => {
  const brandId = `b-${crypto.randomUUID()}`;
  const name = `t-${crypto.randomUUID()}`;
  const db = createDb(name);
  await db.brands.put(brand(brandId));
  await db.customers.put(person('ana', brandId, 'Ana', Date.now()));
  expect(await found(db, brandId, 'ana')).toEqual(['customer:ana']);
  // Written without this context's Dexie (as the background's write is), then announced as the
  // background's change feed does.
  const raw = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = raw.transaction('messages', 'readwrite');
    tx.objectStore('messages').put(msg('m-bg', brandId, 'ana', 'captured in the background QX9931', Date.now() - 90 * DAY));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  raw.close();
  const background = new BroadcastChannel(RECORD_CHANGES_CHANNEL);
  background.postMessage({ db: name, messages: ['m-bg'], customers: [] });
  background.postMessage({ db: name, messages: 'not a list', customers: [] }); // malformed: ignored
  background.close();
  await settle();
  expect(await found(db, brandId, 'QX9931')).toEqual(['message:m-bg']);
});

it("does not put another brand's records in the index", async () => {
  const brandId = `b-${crypto.randomUUID()}`;
  const other = `b-${crypto.randomUUID()}`;
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.bulkPut([brand(brandId), brand(other)]);
  await db.customers.put(person('ana', brandId, 'Ana', Date.now()));
  expect(await found(db, brandId, 'ana')).toEqual(['customer:ana']);
  await db.customers.put(person('zed', other, 'Zebulon', Date.now()));
  await db.messages.put(msg('m-other', other, 'zed', 'zebulon secret order', Date.now()));
  expect(await found(db, brandId, 'zebulon')).toEqual([]);
});
