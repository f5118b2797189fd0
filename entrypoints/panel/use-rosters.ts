/**
 * The Work list's rosters of the brand's active known issues (lib/incidents/roster.ts), kept up to
 * date as messages are recorded without reading every message on every write.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import type { Conversation, Customer } from '../../lib/db/records';
import type { Incident } from '../../lib/db/repositories/incidents';
import { incidentRoster, type Roster } from '../../lib/incidents/roster';
import { readFailureReason } from '../../lib/db/errors';
import { smallestRoot, unionFind } from '../../lib/union-find';

/** Messages read per incident (its newest): beyond this the panel says the lists may be partial. */
export const ROSTER_MESSAGE_LIMIT = 20_000;
/** The rosters are worked out again at most this often while messages are being recorded. */
export const ROSTER_REFRESH_MS = 1_500;

export interface RosterView {
  roster: Roster;
  truncated: boolean;
}
export interface RostersState {
  rosters: Map<string, RosterView>;
  customers: Map<string, Customer>;
  conversations: Map<string, Conversation>;
}

/**
 * The active incidents' rosters, kept up to date as messages are recorded without reading every
 * message on every write: a live count of the brand's messages since the earliest start wakes a
 * recomputation, at most once per ROSTER_REFRESH_MS. Each incident reads its own newest messages
 * (an old incident left open does not crowd out a new one), and linked customers (the same person
 * on X and Facebook) count once.
 */
export function useRosters(db: CasesideDb, brandId: string, active: Incident[] | undefined): { state: RostersState | null; error: string | null } {
  const key = active ? JSON.stringify(active.map((i) => [i.id, i.updatedAt])) : null;
  const earliest = active?.length ? Math.min(...active.map((i) => i.since)) : null;
  // A fresh value on every run: any write Dexie reports in these ranges wakes the recomputation —
  // a new message, one rewritten in place (its side or text read again), a customer linked —
  // not only a change of count.
  const stamp = useLiveQuery(async () => {
    if (earliest === null) return { at: Date.now() };
    await Promise.all([
      db.messages.where('[brandId+sentAt]').between([brandId, earliest], [brandId, Dexie.maxKey]).count(),
      db.customers.where('[brandId+lastSeenAt]').between([brandId, Dexie.minKey], [brandId, Dexie.maxKey]).count(),
    ]);
    return { at: Date.now() };
  }, [db, brandId, earliest]);
  const [state, setState] = useState<RostersState | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The incidents the next computation reads (kept current on every render).
  const latest = useRef(active);
  latest.current = active;
  const mounted = useRef(true);
  const running = useRef(false);
  const again = useRef(false);
  const last = useRef(0);
  const lastKey = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // A computation in progress is never thrown away (messages arriving faster than it runs would
  // starve the list): a change meanwhile runs it once more when it ends.
  const run = useCallback(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        last.current = Date.now();
        const incidents = latest.current;
        if (!incidents) break;
        try {
          const result = await computeRosters(db, brandId, incidents);
          if (mounted.current) {
            setState(result);
            setError(null);
          }
        } catch (e) {
          if (mounted.current) setError(readFailureReason(e));
        }
      } while (again.current && mounted.current);
    } finally {
      running.current = false;
    }
  }, [db, brandId]);
  useEffect(() => {
    if (!active || stamp === undefined) return;
    // The agent's own change (a mark, an edit) shows at once; recorded messages at most every
    // ROSTER_REFRESH_MS, counted from the last computation (so a stream of messages cannot
    // push it back for ever).
    const wait = key !== lastKey.current ? 0 : Math.max(0, last.current + ROSTER_REFRESH_MS - Date.now());
    lastKey.current = key;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void run(), wait);
    // `key` stands for `active` (a new array on every read of the incidents); `latest` holds it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, stamp, run]);
  // Set in the effect, not only at first render: React.StrictMode (entrypoints/panel/main.tsx)
  // runs effects, their clean-up and the effects again on the same refs.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimeout(timer.current);
    };
  }, []);
  return { state, error };
}

/** Each active incident's roster from its own newest messages; linked customers (one person) count once. */
export async function computeRosters(db: CasesideDb, brandId: string, active: Incident[]): Promise<RostersState> {
  const rosters = new Map<string, RosterView>();
  const perIncident = await Promise.all(
    active.map((i) =>
      db.messages
        .where('[brandId+sentAt]')
        .between([brandId, i.since], [brandId, i.endedAt ?? Dexie.maxKey])
        .reverse()
        .limit(ROSTER_MESSAGE_LIMIT)
        .toArray(),
    ),
  );
  const ids = new Set<string>();
  for (const list of perIncident) for (const m of list) ids.add(m.customerId);
  for (const i of active) for (const m of i.marks) ids.add(m.customerId);
  const customers = new Map((await db.customers.bulkGet([...ids])).flatMap((c) => (c && c.brandId === brandId ? [[c.id, c] as const] : [])));
  const groupOf = linkedGroups(customers.values());
  active.forEach((incident, n) => {
    const messages = perIncident[n]!;
    rosters.set(incident.id, { roster: incidentRoster(incident, messages, groupOf), truncated: messages.length >= ROSTER_MESSAGE_LIMIT });
  });
  const convIds = [...rosters.values()].flatMap((r) => [...r.roster.waiting, ...r.roster.answered, ...r.roster.notAffected].map((e) => e.conversationId)).filter(Boolean);
  const conversations = new Map((await db.conversations.bulkGet([...new Set(convIds)])).flatMap((c) => (c ? [[c.id, c] as const] : [])));
  return { rosters, customers, conversations };
}

/**
 * One group per person: customers joined through their links, followed transitively (links stored
 * by an older version or in an imported backup may be partial: A–B and B–C, not A–C; see
 * linkGroupOf in lib/panel/queries.ts). Returns each id's group (its smallest id); an id not among
 * `customers` nor linked from them is its own group.
 */
export function linkedGroups(customers: Iterable<Pick<Customer, 'id' | 'linkedCustomerIds'>>): (id: string) => string {
  // The smaller id names a group: the name does not depend on the order links are read in.
  const groups = unionFind(smallestRoot);
  for (const c of customers) for (const other of c.linkedCustomerIds ?? []) groups.union(c.id, other);
  return groups.find;
}
