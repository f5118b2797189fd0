/**
 * Handoff notes say who wrote them: addNote stores the agent's name, an edit keeps the author and
 * names the editor, old notes (and old backups) without one stay valid, a backup carries the
 * names and restores them, the history search still finds the notes, and the panel signs a new
 * note with the profile's name and shows "Ana Pérez · <time>".
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { saveBrand } from '../../lib/db/repositories/brands';
import { addNote, updateNote } from '../../lib/db/repositories/notes';
import { NoteSchema } from '../../lib/db/records';
import { exportBackup } from '../../lib/import-export/export';
import { applyRestore, parseBackup } from '../../lib/import-export/restore';
import { searchHistory } from '../../lib/panel/history-search';
import { saveAgentProfile } from '../../lib/panel/agent-profile';
import { CaseSection } from '../../entrypoints/panel/CaseSection';
import { danaCustomer, danaDm } from '../support/dm-snapshot';
import { formatDateTime } from '../../lib/i18n';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const NOW = 1_750_000_000_000;

async function seeded(): Promise<{ db: CasesideDb; brandId: string }> {
  const db = createDb(`t-${crypto.randomUUID()}`);
  const brand = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [], signature: '^{{agent.initials}}' });
  await db.customers.put(danaCustomer(brand.id, NOW));
  return { db, brandId: brand.id };
}

describe('notes record their author', () => {
  it('addNote stores the name given, trimmed; none given, the note has no author', async () => {
    const { db, brandId } = await seeded();
    const { note } = await addNote(db, { brandId, customerId: 'dana', body: 'Reference WH-7781, call back Monday', author: '  Ana Pérez ' }, NOW);
    expect(note.author).toBe('Ana Pérez');
    expect((await db.notes.get(note.id))!.author).toBe('Ana Pérez');
    const anonymous = (await addNote(db, { brandId, customerId: 'dana', body: 'no name set', author: '  ' }, NOW)).note;
    expect('author' in (await db.notes.get(anonymous.id))!).toBe(false);
  });

  it('an edit keeps the author and names a different editor; the author editing again clears it', async () => {
    const { db, brandId } = await seeded();
    const { note } = await addNote(db, { brandId, customerId: 'dana', body: 'first', author: 'Ana Pérez' }, NOW);
    const byLuis = (await updateNote(db, brandId, note.id, 'first, and the reference', { editor: 'Luis Gómez' }, NOW + 1)).note;
    expect(byLuis).toMatchObject({ author: 'Ana Pérez', editedBy: 'Luis Gómez', body: 'first, and the reference' });
    const byAna = (await updateNote(db, brandId, note.id, 'again', { editor: 'Ana Pérez' }, NOW + 2)).note;
    expect(byAna.author).toBe('Ana Pérez');
    expect('editedBy' in (await db.notes.get(note.id))!).toBe(false);
    // Someone without a name edits: the earlier editor is not credited with it.
    await updateNote(db, brandId, note.id, 'by Luis', { editor: 'Luis Gómez' }, NOW + 3);
    await updateNote(db, brandId, note.id, 'by nobody', {}, NOW + 4);
    expect(await db.notes.get(note.id)).toMatchObject({ author: 'Ana Pérez', body: 'by nobody' });
    expect('editedBy' in (await db.notes.get(note.id))!).toBe(false);
  });

  it('notes written before names existed stay valid; a name is limited to 120 characters', () => {
    const old = { id: 'n1', brandId: 'b', caseId: null, customerId: 'c', body: 'x', createdAt: 1, updatedAt: 1 };
    expect(NoteSchema.safeParse(old).success).toBe(true);
    expect(NoteSchema.safeParse({ ...old, author: 'Ana Pérez', editedBy: 'Luis Gómez' }).success).toBe(true);
    expect(NoteSchema.safeParse({ ...old, author: 'x'.repeat(121) }).success).toBe(false);
  });
});

describe('backups carry note authors', () => {
  it('exports them and restores them; a backup with notes that have none restores too', async () => {
    const { db, brandId } = await seeded();
    const signed = (await addNote(db, { brandId, customerId: 'dana', body: 'signed', author: 'Ana Pérez' }, NOW)).note;
    await updateNote(db, brandId, signed.id, 'signed, edited', { editor: 'Luis Gómez' }, NOW + 1);
    const unsigned = (await addNote(db, { brandId, customerId: 'dana', body: 'unsigned' }, NOW)).note;
    const parsed = await parseBackup(await exportBackup(db, { kind: 'all' }));
    if (!parsed.ok) throw new Error(parsed.error);
    const notes = new Map(parsed.backup.tables.notes.map((n) => [n.id, n]));
    expect(notes.get(signed.id)).toMatchObject({ author: 'Ana Pérez', editedBy: 'Luis Gómez' });
    expect(notes.get(unsigned.id)!.author).toBeUndefined();

    const restored = createDb(`t-${crypto.randomUUID()}`);
    await applyRestore(restored, parsed.backup, 'replace');
    expect(await restored.notes.get(signed.id)).toEqual(await db.notes.get(signed.id));
    expect(await restored.notes.get(unsigned.id)).toEqual(await db.notes.get(unsigned.id));
  });

  it('refuses a note author over the limit in a file, as any bad field', async () => {
    const { db, brandId } = await seeded();
    await addNote(db, { brandId, customerId: 'dana', body: 'signed', author: 'Ana Pérez' }, NOW);
    const text = (await (await exportBackup(db, { kind: 'all' })).text()).replace('"author":"Ana Pérez"', `"author":"${'x'.repeat(121)}"`);
    expect((await parseBackup(text)).ok).toBe(false);
  });
});

describe('history search still finds signed notes', () => {
  it('by their words, with a snippet of the body', async () => {
    const { db, brandId } = await seeded();
    await addNote(db, { brandId, customerId: 'dana', body: 'Warehouse ticket WH-7781 opened', author: 'Ana Pérez' }, NOW);
    const results = await searchHistory(db, brandId, 'warehouse');
    const hit = results.find((r) => r.kind === 'note');
    expect(hit).toBeDefined();
    expect(JSON.stringify(hit!.snippet)).toContain('Warehouse');
    // Written by another agent on another browser, the note is found all the same.
    const edited = (await updateNote(db, brandId, hit!.id, 'Warehouse ticket WH-7781 closed', { editor: 'Luis Gómez' })).note;
    expect(edited.author).toBe('Ana Pérez');
    await new Promise((r) => setTimeout(r, 20));
    expect((await searchHistory(db, brandId, 'closed')).map((r) => r.id)).toEqual([hit!.id]);
  });
});

describe('the panel signs notes with the profile', () => {
  const { render } = reactRoot();
  const snapshot = danaDm();

  const setText = (el: HTMLTextAreaElement, value: string) =>
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
  const button = (root: HTMLElement, text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === text)!;
  const meta = (el: HTMLElement) => [...el.querySelectorAll('[data-testid="note-meta"]')].map((m) => m.textContent);

  it('a new note carries the name and shows it; an edit by a colleague keeps it and names them', async () => {
    const { db, brandId } = await seeded();
    await saveAgentProfile({ name: 'Ana Pérez', initials: '' });
    const el = render(<CaseSection db={db} brandId={brandId} customerId="dana" conversationId="conv-1" snapshot={snapshot} />);
    await until(() => !!el.querySelector('textarea[aria-label="Add note"]'), () => el.textContent ?? '');
    await tick(); // the profile is read
    await setText(el.querySelector<HTMLTextAreaElement>('textarea[aria-label="Add note"]')!, 'Reference WH-7781: call back Monday');
    await act(async () => button(el, 'Save note').click());
    await until(() => meta(el).length === 1, () => el.textContent ?? '');
    const [stored] = await db.notes.toArray();
    expect(stored).toMatchObject({ author: 'Ana Pérez', body: 'Reference WH-7781: call back Monday' });
    expect(meta(el)).toEqual([`Ana Pérez · ${formatDateTime(stored!.createdAt)}`]);

    // The colleague who picks up edits it on their browser.
    await act(async () => void (await saveAgentProfile({ name: 'Luis Gómez', initials: '' })));
    await act(async () => button(el, 'Edit').click());
    await setText(el.querySelector<HTMLTextAreaElement>('textarea[aria-label="Edit note"]')!, 'Reference WH-7781: called, fixed');
    await new Promise((r) => setTimeout(r, 5)); // a later updatedAt than createdAt
    await act(async () => button(el, 'Save note').click());
    await until(() => !!meta(el)[0]?.includes('edited'), () => el.textContent ?? '');
    const [edited] = await db.notes.toArray();
    expect(edited).toMatchObject({ author: 'Ana Pérez', editedBy: 'Luis Gómez', body: 'Reference WH-7781: called, fixed' });
    expect(meta(el)).toEqual([`Ana Pérez · ${formatDateTime(edited!.createdAt)} · edited ${formatDateTime(edited!.updatedAt)} by Luis Gómez`]);
  });

  it('with no profile, a note is saved without an author and shows its time alone', async () => {
    const { db, brandId } = await seeded();
    const el = render(<CaseSection db={db} brandId={brandId} customerId="dana" conversationId="conv-1" snapshot={snapshot} />);
    await until(() => !!el.querySelector('textarea[aria-label="Add note"]'), () => el.textContent ?? '');
    await tick();
    await setText(el.querySelector<HTMLTextAreaElement>('textarea[aria-label="Add note"]')!, 'unsigned');
    await act(async () => button(el, 'Save note').click());
    await until(() => meta(el).length === 1, () => el.textContent ?? '');
    const [stored] = await db.notes.toArray();
    expect('author' in stored!).toBe(false);
    expect(meta(el)).toEqual([formatDateTime(stored!.createdAt)]);
  });
});
