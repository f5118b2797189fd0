/**
 * Private notes on a case or a customer. Personal data (cards, IDs, IBANs, emails, phones) is
 * masked before it is stored unless the agent keeps it (`keepPii`: true, or the kinds to keep);
 * the result says what was masked so the panel can tell the agent.
 */
import { type MaskResult, type PiiKind, maskPii } from '../../cases/pii';
import { RecordNotFoundError, withStorageErrors } from '../errors';
import { newId } from '../ids';
import { type Note, NoteSchema } from '../records';
import type { CasesideDb } from '../schema';

export interface NoteInput {
  brandId: string;
  customerId: string;
  caseId?: string | null;
  body: string;
  /** true keeps all personal data as typed; a set keeps those kinds. Default: mask all. */
  keepPii?: boolean | ReadonlySet<PiiKind>;
  /** The agent's name (their profile); a note without one has no author. */
  author?: string;
}

/** A name as stored on a note: trimmed, at most 120 characters; undefined when empty. */
const noteName = (name: string | undefined): string | undefined => name?.trim().slice(0, 120) || undefined;

export interface SavedNote {
  note: Note;
  masked: MaskResult['masked'];
}

function mask(body: string, keepPii: NoteInput['keepPii']): MaskResult {
  return maskPii(body, keepPii === true ? 'all' : keepPii || new Set());
}

export async function addNote(db: CasesideDb, input: NoteInput, now = Date.now()): Promise<SavedNote> {
  const { text, masked } = mask(input.body, input.keepPii);
  const author = noteName(input.author);
  return withStorageErrors(() =>
    db.transaction('rw', db.notes, db.customers, db.cases, async () => {
      const customer = await db.customers.get(input.customerId);
      if (!customer || customer.brandId !== input.brandId) throw new RecordNotFoundError('customer', input.customerId);
      if (input.caseId) {
        const c = await db.cases.get(input.caseId);
        if (!c || c.brandId !== input.brandId || c.customerId !== input.customerId) {
          throw new RecordNotFoundError('case', input.caseId);
        }
      }
      const note = NoteSchema.parse({
        id: newId(),
        brandId: input.brandId,
        caseId: input.caseId ?? null,
        customerId: input.customerId,
        body: text,
        createdAt: now,
        updatedAt: now,
        ...(author ? { author } : {}),
      } satisfies Note);
      await db.notes.add(note);
      return { note, masked };
    }),
  );
}

export async function updateNote(
  db: CasesideDb,
  brandId: string,
  id: string,
  body: string,
  opts: { keepPii?: NoteInput['keepPii']; editor?: string } = {},
  now = Date.now(),
): Promise<SavedNote> {
  const { text, masked } = mask(body, opts.keepPii);
  const editor = noteName(opts.editor);
  return withStorageErrors(() =>
    db.transaction('rw', db.notes, async () => {
      const note = await db.notes.get(id);
      if (!note || note.brandId !== brandId) throw new RecordNotFoundError('note', id);
      // The author stays; the last editor is named when it is not the author (an edit by someone
      // without a name leaves no earlier editor's name on it).
      const { editedBy: _previous, ...rest } = note;
      const next = NoteSchema.parse({ ...rest, body: text, updatedAt: now, ...(editor && editor !== note.author ? { editedBy: editor } : {}) });
      await db.notes.put(next);
      return { note: next, masked };
    }),
  );
}

export async function deleteNote(db: CasesideDb, brandId: string, id: string): Promise<void> {
  return withStorageErrors(() =>
    db.transaction('rw', db.notes, async () => {
      const note = await db.notes.get(id);
      if (!note || note.brandId !== brandId) throw new RecordNotFoundError('note', id);
      await db.notes.delete(id);
    }),
  );
}

const newestFirst = (a: Note, b: Note) => b.createdAt - a.createdAt;

/** A case's notes, newest first. */
export async function notesForCase(db: CasesideDb, brandId: string, caseId: string): Promise<Note[]> {
  const rows = await db.notes.where('caseId').equals(caseId).toArray();
  return rows.filter((n) => n.brandId === brandId).sort(newestFirst);
}

/** All of a customer's notes (their cases' and their own), newest first. */
export async function notesForCustomer(db: CasesideDb, brandId: string, customerId: string): Promise<Note[]> {
  const rows = await db.notes.where('customerId').equals(customerId).toArray();
  return rows.filter((n) => n.brandId === brandId).sort(newestFirst);
}
