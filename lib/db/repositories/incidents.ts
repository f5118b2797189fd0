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

export const IncidentSchema = z.object({
  id: z.string().min(1).max(100),
  title: z.string().trim().min(1).max(200),
  keywords: z.array(z.string().trim().min(1).max(80)).max(30),
  /** The answer, as a template: variables and {{ask:…}} fields as in templates. */
  answer: z.string().trim().min(1).max(5000),
  since: time,
  createdAt: time,
  updatedAt: time,
  endedAt: time.nullable(),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const IncidentInputSchema = IncidentSchema.pick({ title: true, keywords: true, answer: true, since: true });
export type IncidentInput = z.infer<typeof IncidentInputSchema>;

const parseRow = (value: unknown): Incident[] => validEntries(IncidentSchema, value);

async function read(db: CasesideDb, brandId: string): Promise<Incident[]> {
  return parseRow((await db.meta.get(incidentsKey(brandId)))?.value);
}

async function write(db: CasesideDb, brandId: string, items: Incident[]): Promise<void> {
  let kept = items;
  if (kept.length > MAX_INCIDENTS) {
    const ended = kept.filter((i) => i.endedAt !== null).sort((a, b) => a.endedAt! - b.endedAt!);
    const drop = new Set(ended.slice(0, kept.length - MAX_INCIDENTS).map((i) => i.id));
    kept = kept.filter((i) => !drop.has(i.id)).slice(-MAX_INCIDENTS);
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
 * form can say which field is wrong; a missing id throws RecordNotFoundError.
 */
export async function saveIncident(db: CasesideDb, brandId: string, input: IncidentInput & { id?: string }, now = Date.now()): Promise<Incident> {
  const fields = IncidentInputSchema.parse(input);
  return withStorageErrors(() =>
    db.transaction('rw', db.meta, async () => {
      const current = await read(db, brandId);
      if (input.id) {
        const old = current.find((i) => i.id === input.id);
        if (!old) throw new RecordNotFoundError('incident', input.id);
        const next = IncidentSchema.parse({ ...old, ...fields, updatedAt: now });
        await write(db, brandId, current.map((i) => (i.id === old.id ? next : i)));
        return next;
      }
      const created = IncidentSchema.parse({ id: newId(), ...fields, createdAt: now, updatedAt: now, endedAt: null } satisfies Incident);
      await write(db, brandId, [...current, created]);
      return created;
    }),
  );
}

/** End an incident (it stops matching new messages; its roster stays readable) or, with `ended` false, reopen it. */
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
