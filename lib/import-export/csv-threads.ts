/**
 * Rebuilding conversations from imported rows (issue 7, part 4). Pure.
 *
 * twcs: tweets are joined through `in_response_to_tweet_id` / `response_tweet_id` with
 * union-find, so a whole reply tree becomes one conversation, keyed by its root tweet (the
 * earliest tweet whose parent is not in the file). Links to ids not in the file are ignored.
 * A brand *broadcast* (an outgoing tweet that replies to nothing and is answered by two or more
 * different authors, e.g. a promo tweet) is not used as a join point, otherwise every customer
 * who answered it would land in one conversation; the broadcast itself is skipped and counted.
 * generic: rows are grouped by the conversation column.
 *
 * Each conversation's customer is the author of its earliest incoming message (generic: the
 * customer column of its earliest row). A thread with no incoming message has no customer and
 * is skipped and counted.
 */
import { authorKey, type CsvLayout, type CsvRow, type RowError } from './csv-rows';
import { t } from '../i18n';
import { unionFind } from '../union-find';

export type PlannedThread = {
  rootId: string;
  /** Handle of the conversation's customer. */
  customer: string;
  /** Sorted by time, then id. */
  messages: CsvRow[];
};
export type ThreadPlan = {
  threads: PlannedThread[];
  skippedReasons: Record<string, number>;
  errors: RowError[];
};

export const SKIP_BROADCAST = 'brand broadcast answered by several customers';
export const SKIP_NO_CUSTOMER = 'thread without an incoming message';
export const SKIP_NOT_BRAND = "thread without the brand's accounts";
export const SKIP_OTHER_ACCOUNT = "reply by an account that is not the brand's";

/** Numeric ids compare as numbers (tweet ids), others as strings. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
const byTime = (a: CsvRow, b: CsvRow) => a.sentAt - b.sentAt || compareIds(a.id, b.id);

/**
 * @param onlyWithAuthors lower-case author ids: keep only threads where one of them wrote an
 *   outgoing message (importing one brand out of a multi-brand file).
 */
export function buildThreads(rows: CsvRow[], layout: CsvLayout, onlyWithAuthors?: ReadonlySet<string>): ThreadPlan {
  const skippedReasons: Record<string, number> = {};
  const skip = (reason: string, n = 1) => (skippedReasons[reason] = (skippedReasons[reason] ?? 0) + n);
  const errors: RowError[] = [];
  const byId = new Map<string, CsvRow>();
  for (const row of rows) {
    const first = byId.get(row.id);
    if (first) errors.push({ line: row.line, message: t('import.csv.duplicateId', { id: row.id.slice(0, 60), line: first.line }) });
    else byId.set(row.id, row);
  }

  const groups = new Map<string, CsvRow[]>();
  const parentOf = new Map<string, string>();
  if (layout === 'generic') {
    for (const row of byId.values()) {
      const group = groups.get(row.conversation!);
      if (group) group.push(row);
      else groups.set(row.conversation!, [row]);
    }
  } else {
    const edges: Array<[parent: string, child: string]> = [];
    for (const row of byId.values()) {
      if (row.inReplyTo && byId.has(row.inReplyTo)) edges.push([row.inReplyTo, row.id]);
      for (const r of row.responses) if (byId.has(r)) edges.push([row.id, r]);
    }
    const answeredBy = new Map<string, Set<string>>();
    for (const [p, c] of edges) {
      const authors = answeredBy.get(p) ?? new Set<string>();
      authors.add(byId.get(c)!.author);
      answeredBy.set(p, authors);
    }
    const broadcasts = new Set<string>();
    for (const [id, authors] of answeredBy) {
      const row = byId.get(id)!;
      if (row.direction === 'out' && !row.inReplyTo && authors.size >= 2) broadcasts.add(id);
    }
    const uf = unionFind();
    for (const [p, c] of edges) {
      if (broadcasts.has(p) || broadcasts.has(c)) continue;
      uf.union(p, c);
      parentOf.set(c, p);
    }
    skip(SKIP_BROADCAST, broadcasts.size);
    for (const row of byId.values()) {
      if (broadcasts.has(row.id)) continue;
      const key = uf.find(row.id);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
  }

  const threads: PlannedThread[] = [];
  for (const [key, all] of groups) {
    all.sort(byTime);
    let group = all;
    const firstIn = group.find((m) => m.direction === 'in');
    if (!firstIn) {
      skip(SKIP_NO_CUSTOMER, group.length);
      continue;
    }
    if (onlyWithAuthors && !group.some((m) => m.direction === 'out' && onlyWithAuthors.has(authorKey(m.author)))) {
      skip(SKIP_NOT_BRAND, group.length);
      continue;
    }
    if (onlyWithAuthors) {
      // Another company answering in the brand's thread: not the brand's message, nor the customer's.
      const before = group.length;
      group = group.filter((m) => m.direction !== 'out' || !m.author || onlyWithAuthors.has(authorKey(m.author)));
      skip(SKIP_OTHER_ACCOUNT, before - group.length);
    }
    if (layout === 'generic') {
      threads.push({ rootId: key, customer: group[0]!.customer!, messages: group });
    } else {
      const root = group.find((m) => !parentOf.has(m.id)) ?? group[0]!;
      threads.push({ rootId: root.id, customer: firstIn.author, messages: group });
    }
  }
  for (const reason of Object.keys(skippedReasons)) if (!skippedReasons[reason]) delete skippedReasons[reason];
  return { threads, skippedReasons, errors };
}
