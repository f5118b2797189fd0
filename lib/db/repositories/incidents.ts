/**
 * A brand's known issues (lib/incidents/roster.ts says who each affects and who has been
 * answered). One meta row per brand (`incidents:<brandId>`: the brand id is a segment of the key,
 * so export, restore, wipe and erase treat it as the brand's, see ids.ts metaBelongsToBrand).
 * Incidents hold no customer data: who is affected is read from the messages each time.
 * A row that fails validation (an edited backup) reads as its valid entries only.
 */
import { z } from 'zod';
import { RecordNotFoundError, withStorageErrors } from '../errors';
import { newId } from '../ids';
import type { CasesideDb } from '../schema';
import { validEntries } from './meta-list';

export const INCIDENTS_PREFIX = 'incidents:';
export const incidentsKey = (brandId: string) => `${INCIDENTS_PREFIX}${brandId}`;

/** Bound per brand: beyond it the oldest ended incidents go. */
export const MAX_INCIDENTS = 100;

const time = z.number().int().min(0).max(8.64e15);

export const IncidentAnswerSchema = z.object({
  language: z.string().min(2).max(10),
  text: z.string().trim().min(1).max(5000),
});

export const IncidentMarkSchema = z.object({
  customerId: z.string().min(1).max(400),
  kind: z.enum(['answered', 'not-affected']),
  at: time,
});

/** Bounds of one incident's lists. */
export const MAX_PREVIOUS_ANSWERS = 10;
export const MAX_MARKS = 5_000;

export const IncidentSchema = z.object({
  id: z.string().min(1).max(100),
  title: z.string().trim().min(1).max(200),
  keywords: z.array(z.string().trim().min(1).max(80)).max(30),
  /** The answer, as a template (variables and {{ask:…}} fields as in templates), per language; the first is the default. */
  answers: z
    .array(IncidentAnswerSchema)
    .min(1)
    .max(4)
    .refine((a) => new Set(a.map((x) => x.language)).size === a.length, 'one answer per language'),
  /** Earlier wordings (an edit keeps them): customers answered with them stay answered. */
  previousAnswers: z.array(z.string().max(5000)).max(MAX_PREVIOUS_ANSWERS).default([]),
  /** The agent's word on a customer (answered by phone, not affected), latest per customer. */
  marks: z.array(IncidentMarkSchema).max(MAX_MARKS).default([]),
  since: time,
  createdAt: time,
  updatedAt: time,
  endedAt: time.nullable(),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const IncidentInputSchema = IncidentSchema.pick({ title: true, keywords: true, answers: true, since: true });
export type IncidentInput = z.input<typeof IncidentInputSchema>;

/** Thrown when a new incident would pass MAX_INCIDENTS with every stored one still active. */
export class TooManyIncidentsError extends Error {
  override readonly name = 'TooManyIncidentsError';
}

const parseRow = (value: unknown): Incident[] => validEntries(IncidentSchema, value);

async function read(db: CasesideDb, brandId: string): Promise<Incident[]> {
  return parseRow((await db.meta.get(incidentsKey(brandId)))?.value);
}

async function write(db: CasesideDb, brandId: string, items: Incident[]): Promise<void> {
  let kept = items;
  if (kept.length > MAX_INCIDENTS) {
    // The oldest ended ones go; an active one never does.
    const ended = kept.filter((i) => i.endedAt !== null).sort((a, b) => a.endedAt! - b.endedAt!);
    const drop = new Set(ended.slice(0, kept.length - MAX_INCIDENTS).map((i) => i.id));
    kept = kept.filter((i) => !drop.has(i.id));
  }
  if (kept.length) await db.meta.put({ key: incidentsKey(brandId), value: kept });
  else await db.meta.delete(incidentsKey(brandId));
}

/** The brand's incidents: active ones first (newest first), then ended ones (latest ended first). */
export async function listIncidents(db: CasesideDb, brandId: string): Promise<Incident[]> {
  const all = await read(db, brandId);
  return all.sort((a, b) => (a.endedAt === null) !== (b.endedAt === null) ? (a.endedAt === null ? -1 : 1) : (b.endedAt ?? b.createdAt) - (a.endedAt ?? a.createdAt));
}

/**
 * Declare a new incident (no `id`) or change one. Throws the Zod error on invalid input, so the
 * form can say which field is wrong; a missing id throws RecordNotFoundError; a new one beyond
 * MAX_INCIDENTS active ones throws TooManyIncidentsError. Changed answers keep their earlier
 * wording in `previousAnswers`.
 */
export async function saveIncident(db: CasesideDb, brandId: string, input: IncidentInput & { id?: string }, now = Date.now()): Promise<Incident> {
  const fields = IncidentInputSchema.parse(input);
  return withStorageErrors(() =>
    db.transaction('rw', db.meta, async () => {
      const current = await read(db, brandId);
      if (input.id) {
        const old = current.find((i) => i.id === input.id);
        if (!old) throw new RecordNotFoundError('incident', input.id);
        const kept = new Set(fields.answers.map((a) => a.text));
        const retired = old.answers.map((a) => a.text).filter((text) => !kept.has(text));
        const previousAnswers = [...old.previousAnswers.filter((p) => !kept.has(p) && !retired.includes(p)), ...retired].slice(-MAX_PREVIOUS_ANSWERS);
        const next = IncidentSchema.parse({ ...old, ...fields, previousAnswers, updatedAt: now });
        await write(db, brandId, current.map((i) => (i.id === old.id ? next : i)));
        return next;
      }
      if (current.filter((i) => i.endedAt === null).length >= MAX_INCIDENTS) throw new TooManyIncidentsError(`At most ${MAX_INCIDENTS} known issues can be active at once.`);
      const created = IncidentSchema.parse({ id: newId(), ...fields, previousAnswers: [], marks: [], createdAt: now, updatedAt: now, endedAt: null } satisfies z.input<typeof IncidentSchema>);
      await write(db, brandId, [...current, created]);
      return created;
    }),
  );
}

/**
 * The agent's word on one person of an incident: answered (by phone, in a way the messages do
 * not show), not affected (an unrelated mention of the keyword), or null to take it back. Marks on
 * any of the person's linked records are replaced, so Undo works whichever record the row shows.
 */
export async function markIncidentCustomer(
  db: CasesideDb,
  brandId: string,
  id: string,
  /** The person: their record, then their linked records (a mark on any of them is replaced). */
  customerIds: string | readonly string[],
  kind: Incident['marks'][number]['kind'] | null,
  now = Date.now(),
): Promise<void> {
  const [customerId, ...linked] = typeof customerIds === 'string' ? [customerIds] : customerIds;
  const person = new Set([customerId, ...linked]);
  await withStorageErrors(() =>
    db.transaction('rw', db.meta, async () => {
      const current = await read(db, brandId);
      const incident = current.find((i) => i.id === id);
      if (!incident) throw new RecordNotFoundError('incident', id);
      const marks = incident.marks.filter((m) => !person.has(m.customerId));
      if (kind && customerId) marks.push({ customerId, kind, at: now });
      await write(db, brandId, current.map((i) => (i.id === id ? { ...i, marks: marks.slice(-MAX_MARKS), updatedAt: now } : i)));
    }),
  );
}

/**
 * Forget the marks about these customers (erasure). Runs inside the caller's transaction, which
 * must include `db.meta`.
 */
export async function forgetIncidentMarks(db: CasesideDb, brandId: string, customerIds: Iterable<string>): Promise<void> {
  const gone = new Set(customerIds);
  const current = await read(db, brandId);
  if (!current.some((i) => i.marks.some((m) => gone.has(m.customerId)))) return;
  await write(db, brandId, current.map((i) => ({ ...i, marks: i.marks.filter((m) => !gone.has(m.customerId)) })));
}

/** End an incident (it stops matching new messages; the Work list lists it under Ended, with its counts on request) or, with `ended` false, reopen it. */
export async function endIncident(db: CasesideDb, brandId: string, id: string, ended = true, now = Date.now()): Promise<void> {
  await withStorageErrors(() =>
    db.transaction('rw', db.meta, async () => {
      const current = await read(db, brandId);
      if (!current.some((i) => i.id === id)) throw new RecordNotFoundError('incident', id);
      await write(db, brandId, current.map((i) => (i.id === id ? { ...i, endedAt: ended ? now : null, updatedAt: now } : i)));
    }),
  );
}

export async function deleteIncident(db: CasesideDb, brandId: string, id: string): Promise<void> {
  await withStorageErrors(() =>
    db.transaction('rw', db.meta, async () => {
      const current = await read(db, brandId);
      await write(db, brandId, current.filter((i) => i.id !== id));
    }),
  );
}
